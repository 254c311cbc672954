import type { EventDefinition } from '../../event-catalog.js';
import * as p from './privacy.events.js';

export const PRIVACY_EVENT_DEFINITIONS: readonly EventDefinition[] = [
  {
    type: p.CONTACTS_CONTACT_CONSENT_CHANGED,
    publisher: 'contacts',
    consumers: [],
    summary: 'Se registró o retiró la autorización de un contacto para recibir mercadeo (fecha y canal). / Marketing consent was granted or withdrawn.',
    schema: p.contactConsentChangedSchema,
    exchange: 'crm.events',
  },
  {
    type: p.CONTACTS_CONTACT_ANONYMIZED,
    publisher: 'contacts',
    consumers: ['notifications', 'opportunities'],
    summary:
      'Los datos personales de un contacto fueron anonimizados (irreversible); cada servicio debe anonimizar su copia. Sin datos personales. / A contact was anonymised; anonymise your copies.',
    schema: p.contactAnonymizedSchema,
    exchange: 'crm.events',
  },
];
