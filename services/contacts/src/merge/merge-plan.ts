import type { FieldChange } from '@crm/contracts';
import { normaliseChannels, primaryOf } from '../contacts/contact-channels.js';
import type { Contact } from '../contacts/contact.entity.js';
import { displayNameOf } from '../contacts/contact.view.js';

/**
 * Fields a merge fills: empty on the primary → the first duplicate (in the order given) that has
 * a value; or, with `fields: { city: <contactId> }`, exactly that contact's value (even empty).
 * Lifecycle, owner, team and sharing stay the primary's: change them with convert/assign.
 */
export const MERGEABLE_FIELDS = [
  'firstName',
  'lastName',
  'companyName',
  'position',
  'taxId',
  'linkedinUrl',
  'website',
  'street',
  'city',
  'region',
  'postalCode',
  'country',
  'industry',
  'category',
  'interestLevel',
  'priority',
  'sourceId',
  'companyId',
  'primaryContactId',
  'marketingConsent',
] as const;
export type MergeableField = (typeof MERGEABLE_FIELDS)[number];

/** Consent travels as one decision: granted or not, when and through which channel. */
const CONSENT = ['marketingConsent', 'consentAt', 'consentChannel'] as const;

export interface MergePlan {
  /** The primary as it will be (a copy; nothing saved). */
  result: Contact;
  changes: FieldChange[];
  /** For each field whose value changed, the contact it was taken from. */
  takenFrom: Record<string, string>;
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

/**
 * The merged contact: the primary, its empty fields filled (or the chosen values taken), the
 * e-mails, phones and tags of all of them together (the primary's primary e-mail and phone stay
 * primary), and the display name recomputed.
 */
export function planMerge(primary: Contact, duplicates: Contact[], choices: Partial<Record<MergeableField, string>> = {}): MergePlan {
  const all = [primary, ...duplicates];
  const byId = new Map(all.map((contact) => [contact.id, contact]));
  const result = Object.assign(Object.create(Object.getPrototypeOf(primary)) as Contact, primary);
  const takenFrom: Record<string, string> = {};
  const changes: FieldChange[] = [];
  const set = (field: string, value: unknown, from: string) => {
    const current = (result as unknown as Record<string, unknown>)[field];
    if (JSON.stringify(current ?? null) === JSON.stringify(value ?? null)) return;
    changes.push({ field, from: current ?? null, to: value ?? null });
    Object.assign(result, { [field]: value });
    takenFrom[field] = from;
  };

  for (const field of MERGEABLE_FIELDS) {
    const chosen = choices[field] ? byId.get(choices[field]) : undefined;
    if (field === 'marketingConsent') {
      // Chosen, or the primary never recorded a decision: the most recent decision of the others.
      const source = chosen ?? (primary.consentAt ? undefined : duplicates.filter((d) => d.consentAt).sort((a, b) => Number(b.consentAt) - Number(a.consentAt))[0]);
      if (source && source.id !== primary.id) for (const part of CONSENT) set(part, source[part], source.id);
      continue;
    }
    if (chosen) {
      if (chosen.id !== primary.id) set(field, chosen[field], chosen.id);
      continue;
    }
    if (!isEmpty(primary[field])) continue;
    const donor = duplicates.find((duplicate) => !isEmpty(duplicate[field]));
    if (donor) set(field, donor[field], donor.id);
  }

  const emails = normaliseChannels(
    all.flatMap((contact) => contact.emails ?? []),
    undefined,
    [],
    'email',
  );
  const phones = normaliseChannels(
    all.flatMap((contact) => contact.phones ?? []),
    undefined,
    [],
    'phone',
  );
  set('emails', emails, duplicates[0].id);
  set('email', primaryOf(emails), duplicates[0].id);
  set('phones', phones, duplicates[0].id);
  set('phone', primaryOf(phones), duplicates[0].id);
  set('tags', [...new Set(all.flatMap((contact) => contact.tags ?? []))], duplicates[0].id);
  set('displayName', displayNameOf(result), primary.id);
  result.interestIds = [...new Set(all.flatMap((contact) => contact.interestIds ?? []))].sort();
  // Lists and the display name are derived from all of them, not taken from one contact.
  for (const field of ['emails', 'email', 'phones', 'phone', 'tags', 'displayName']) delete takenFrom[field];
  return { result, changes, takenFrom };
}
