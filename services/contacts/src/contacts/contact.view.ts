import type { Contact } from './contact.entity.js';

/** The public shape of a contact: only these fields leave the service. */
export function toContactView(contact: Contact) {
  return {
    id: contact.id,
    kind: contact.kind,
    lifecycle: contact.lifecycle,
    displayName: contact.displayName,
    firstName: contact.firstName,
    lastName: contact.lastName,
    companyName: contact.companyName,
    email: contact.email,
    phone: contact.phone,
    emails: contact.emails,
    phones: contact.phones,
    position: contact.position,
    taxId: contact.taxId,
    linkedinUrl: contact.linkedinUrl,
    website: contact.website,
    address: { street: contact.street, city: contact.city, region: contact.region, postalCode: contact.postalCode, country: contact.country },
    city: contact.city,
    country: contact.country,
    industry: contact.industry,
    category: contact.category,
    interestLevel: contact.interestLevel,
    priority: contact.priority,
    sourceId: contact.sourceId,
    interestIds: contact.interestIds ?? [],
    companyId: contact.companyId,
    primaryContactId: contact.primaryContactId,
    tags: contact.tags,
    marketingConsent: { granted: contact.marketingConsent, at: contact.consentAt?.toISOString() ?? null, channel: contact.consentChannel },
    convertedAt: contact.convertedAt?.toISOString() ?? null,
    convertedBy: contact.convertedBy,
    customerSince: contact.customerSince?.toISOString() ?? null,
    supplierSince: contact.supplierSince?.toISOString() ?? null,
    ownerId: contact.ownerId,
    teamId: contact.teamId,
    sharedWithTeam: contact.sharedWithTeam,
    createdBy: contact.createdBy,
    createdAt: contact.createdAt.toISOString(),
    updatedAt: contact.updatedAt.toISOString(),
    version: contact.version,
  };
}

export type ContactView = ReturnType<typeof toContactView>;

export function displayNameOf(contact: Pick<Contact, 'kind' | 'firstName' | 'lastName' | 'companyName'>): string {
  if (contact.kind === 'organization') return contact.companyName ?? '';
  return [contact.firstName, contact.lastName].filter(Boolean).join(' ');
}
