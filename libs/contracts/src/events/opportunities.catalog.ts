import type { EventDefinition } from '../event-catalog.js';
import { OPPORTUNITIES_OPPORTUNITY_WON, opportunityWonSchema } from './opportunities.events.js';

export const OPPORTUNITY_EVENT_DEFINITIONS: readonly EventDefinition[] = [
  {
    type: OPPORTUNITIES_OPPORTUNITY_WON,
    publisher: 'opportunities',
    consumers: ['contacts'],
    summary:
      'Se ganó una oportunidad; contacts convierte su contacto en cliente (si aún no lo es). / An opportunity was won; contacts converts its contact to customer.',
    schema: opportunityWonSchema,
    exchange: 'crm.events',
  },
];
