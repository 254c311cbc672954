import { randomUUID } from 'node:crypto';
import type { CloudEvent, ContactAssignedData, UserSnapshotData } from '@crm/contracts';
import { scrapeMetrics } from '@crm/testing';

/** Events as the gateway and the contacts service would produce them. */
export function cloudEvent<T>(type: string, source: string, tenantId: string, subject: string, data: T): CloudEvent<T> {
  const id = randomUUID();
  return { specversion: '1.0', id, source, type, time: new Date().toISOString(), subject, datacontenttype: 'application/json', tenantid: tenantId, correlationid: id, data };
}

export function userCreated(tenantId: string, user: Partial<UserSnapshotData> & { userId: string }): CloudEvent<UserSnapshotData> {
  const data: UserSnapshotData = {
    email: `${user.userId.slice(0, 8)}@demo.test`,
    name: 'Usuario de prueba',
    roles: ['sales'],
    teamIds: [],
    active: true,
    locale: 'es',
    version: 1,
    occurredAt: new Date().toISOString(),
    ...user,
  };
  return cloudEvent(data.version > 1 ? 'identity.user.updated' : 'identity.user.created', 'crm/gateway', tenantId, user.userId, data);
}

export function contactAssigned(tenantId: string, data: Partial<ContactAssignedData> & { ownerId: string; assignedBy: string }): CloudEvent<ContactAssignedData> {
  const contactId = data.contactId ?? randomUUID();
  return cloudEvent('contacts.contact.assigned', 'crm/contacts', tenantId, contactId, {
    contactId,
    displayName: 'Andrés Zapata',
    previousOwnerId: null,
    teamId: null,
    assignedAt: new Date().toISOString(),
    version: 2,
    ...data,
  });
}

/** A `crm_messaging_total{name=…}` counter of a service (0 before it first moves). */
export async function messagingCounter(baseUrl: string, name: string): Promise<number> {
  const text = await scrapeMetrics(baseUrl);
  const match = new RegExp(`crm_messaging_total\\{[^}]*name="${name}"[^}]*\\} (\\d+)`).exec(text);
  return match ? Number(match[1]) : 0;
}
