import type { JsonSchema } from './json-schema.js';
import { CONTACT_EVENT_DEFINITIONS } from './events/contacts/contacts.catalog.js';
import { IDENTITY_EVENT_DEFINITIONS } from './events/identity.catalog.js';
import { NOTE_EVENT_DEFINITIONS } from './events/contacts/notes.catalog.js';
import { LIFECYCLE_EVENT_DEFINITIONS } from './events/contacts/lifecycle.catalog.js';
import { OPPORTUNITY_EVENT_DEFINITIONS } from './events/opportunities/opportunities.catalog.js';
import { ERP_EVENT_DEFINITIONS } from './events/erp.catalog.js';
import { PRIVACY_EVENT_DEFINITIONS } from './events/contacts/privacy.catalog.js';
import { MERGE_EVENT_DEFINITIONS } from './events/contacts/merge.catalog.js';
import { TICKET_EVENT_DEFINITIONS } from './events/tickets/tickets.catalog.js';
import { NOTIFICATION_EVENT_DEFINITIONS } from './events/notifications/notifications.catalog.js';
import { REPORTING_EVENT_DEFINITIONS } from './events/reporting.catalog.js';

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

/**
 * Every event type the platform publishes or consumes: the single source for docs and tests.
 * Events are grouped by the service that publishes them: `events/<publisher>/<area>.catalog.ts`
 * (contacts), or `events/<area>.catalog.ts` for identity (the gateway), the ERP and opportunities.
 */
export const EVENT_CATALOG: readonly EventDefinition[] = [
  ...IDENTITY_EVENT_DEFINITIONS,
  ...CONTACT_EVENT_DEFINITIONS,
  ...NOTE_EVENT_DEFINITIONS,
  ...LIFECYCLE_EVENT_DEFINITIONS,
  ...OPPORTUNITY_EVENT_DEFINITIONS,
  ...ERP_EVENT_DEFINITIONS,
  ...PRIVACY_EVENT_DEFINITIONS,
  ...MERGE_EVENT_DEFINITIONS,
  ...TICKET_EVENT_DEFINITIONS,
  ...NOTIFICATION_EVENT_DEFINITIONS,
  ...REPORTING_EVENT_DEFINITIONS,
];

export function findEventDefinition(type: string): EventDefinition | undefined {
  return EVENT_CATALOG.find((definition) => definition.type === type);
}
