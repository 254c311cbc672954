import type { EventDefinition } from '../event-catalog.js';
import { REPORTING_REPLAY_REQUESTED, replayRequestedSchema } from './reporting.events.js';

export const REPORTING_EVENT_DEFINITIONS: readonly EventDefinition[] = [
  {
    type: REPORTING_REPLAY_REQUESTED,
    publisher: 'reporting',
    consumers: ['contacts', 'notifications', 'opportunities', 'tickets'],
    summary:
      'Reporting reconstruye un modelo de lectura: cada servicio republica su historial publicado del tenant y rango a la cola de reporting. / Reporting rebuilds a read model: every service republishes its published history for the tenant and range to the reporting queue.',
    schema: replayRequestedSchema,
    exchange: 'crm.events',
  },
];
