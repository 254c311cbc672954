import type { EventDefinition } from '../../event-catalog.js';
import * as c from './contacts.events.js';

export const CONTACT_EVENT_DEFINITIONS: readonly EventDefinition[] = [
  {
    type: c.CONTACTS_CONTACT_CREATED,
    publisher: 'contacts',
    consumers: ['reporting', 'opportunities'],
    summary: 'Se creó un contacto o prospecto. / A contact was created.',
    schema: c.contactCreatedSchema,
    exchange: 'crm.events',
  },
  {
    type: c.CONTACTS_CONTACT_UPDATED,
    publisher: 'contacts',
    consumers: ['reporting', 'opportunities'],
    summary: 'Campos de un contacto cambiaron (antes → después). / Contact fields changed.',
    schema: c.contactUpdatedSchema,
    exchange: 'crm.events',
  },
  {
    type: c.CONTACTS_CONTACT_ASSIGNED,
    publisher: 'contacts',
    consumers: ['notifications', 'reporting', 'opportunities'],
    summary: 'Un contacto fue asignado a un agente. / A contact was assigned to an agent.',
    schema: c.contactAssignedSchema,
    exchange: 'crm.events',
  },
  {
    type: c.CONTACTS_DOCUMENT_UPLOADED,
    publisher: 'contacts',
    consumers: [],
    summary: 'Se adjuntó un documento a un contacto. / A document was attached to a contact.',
    schema: c.documentUploadedSchema,
    exchange: 'crm.events',
  },
  {
    type: c.CONTACTS_DOCUMENT_DELETED,
    publisher: 'contacts',
    consumers: [],
    summary: 'Se eliminó un documento de un contacto. / A contact document was deleted.',
    schema: c.documentDeletedSchema,
    exchange: 'crm.events',
  },
];
