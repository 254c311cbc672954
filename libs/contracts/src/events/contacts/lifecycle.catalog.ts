import type { EventDefinition } from '../../event-catalog.js';
import * as l from './lifecycle.events.js';

export const LIFECYCLE_EVENT_DEFINITIONS: readonly EventDefinition[] = [
  {
    type: l.CONTACTS_CONTACT_CONVERTED,
    publisher: 'contacts',
    consumers: ['reporting'],
    summary:
      'Un contacto cambió de etapa (prospecto, cliente, proveedor); con `to` cliente o proveedor el ERP crea su tercero con estos datos. / A contact was converted; the ERP creates its customer or supplier from it.',
    schema: l.contactConvertedSchema,
    exchange: 'crm.events',
  },
  {
    type: l.CONTACTS_SOURCE_CHANGED,
    publisher: 'contacts',
    consumers: ['reporting'],
    summary: 'Se creó o modificó una fuente de captación (nombre, canal, costo y periodo, para el costo de adquisición por fuente). / A source of capture was created or changed.',
    schema: l.sourceChangedSchema,
    exchange: 'crm.events',
  },
  {
    type: l.CONTACTS_INTEREST_CHANGED,
    publisher: 'contacts',
    consumers: [],
    summary: 'Se creó o modificó un interés (producto o servicio). / A product or service of interest was created or changed.',
    schema: l.interestChangedSchema,
    exchange: 'crm.events',
  },
];
