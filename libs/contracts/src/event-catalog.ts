import type { JsonSchema } from './json-schema.js';
import * as contacts from './events/contacts.events.js';
import * as identity from './events/identity.events.js';

export interface EventDefinition {
  type: string;
  /** Service (or `erp`) that publishes it. */
  publisher: string;
  /** Services that consume it today; documentation and the AsyncAPI drift test rely on it. */
  consumers: readonly string[];
  summary: string;
  schema: JsonSchema;
  /** `crm.events` for ours, `erp.events` for what the ERP publishes and we accept. */
  exchange: 'crm.events' | 'erp.events';
}

/** Every event type the platform publishes or consumes: the single source for docs and tests. */
export const EVENT_CATALOG: readonly EventDefinition[] = [
  {
    type: identity.IDENTITY_USER_CREATED,
    publisher: 'gateway',
    consumers: ['notifications'],
    summary: 'Un usuario fue creado en un tenant. / A user was created.',
    schema: identity.userSnapshotSchema,
    exchange: 'crm.events',
  },
  {
    type: identity.IDENTITY_USER_UPDATED,
    publisher: 'gateway',
    consumers: ['notifications'],
    summary: 'Datos, roles, equipos o estado de un usuario cambiaron. / A user changed.',
    schema: identity.userSnapshotSchema,
    exchange: 'crm.events',
  },
  {
    type: contacts.CONTACTS_CONTACT_CREATED,
    publisher: 'contacts',
    consumers: ['reporting'],
    summary: 'Se creó un contacto o prospecto. / A contact was created.',
    schema: contacts.contactCreatedSchema,
    exchange: 'crm.events',
  },
  {
    type: contacts.CONTACTS_CONTACT_UPDATED,
    publisher: 'contacts',
    consumers: ['reporting'],
    summary: 'Campos de un contacto cambiaron (antes → después). / Contact fields changed.',
    schema: contacts.contactUpdatedSchema,
    exchange: 'crm.events',
  },
  {
    type: contacts.CONTACTS_CONTACT_ASSIGNED,
    publisher: 'contacts',
    consumers: ['notifications', 'reporting'],
    summary: 'Un contacto fue asignado a un agente. / A contact was assigned to an agent.',
    schema: contacts.contactAssignedSchema,
    exchange: 'crm.events',
  },
  {
    type: contacts.CONTACTS_DOCUMENT_UPLOADED,
    publisher: 'contacts',
    consumers: [],
    summary: 'Se adjuntó un documento a un contacto. / A document was attached to a contact.',
    schema: contacts.documentUploadedSchema,
    exchange: 'crm.events',
  },
  {
    type: contacts.CONTACTS_DOCUMENT_DELETED,
    publisher: 'contacts',
    consumers: [],
    summary: 'Se eliminó un documento de un contacto. / A contact document was deleted.',
    schema: contacts.documentDeletedSchema,
    exchange: 'crm.events',
  },
];

export function findEventDefinition(type: string): EventDefinition | undefined {
  return EVENT_CATALOG.find((definition) => definition.type === type);
}
