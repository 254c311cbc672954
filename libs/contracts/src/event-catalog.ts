import type { JsonSchema } from './json-schema.js';
import { CONTACT_EVENT_DEFINITIONS } from './events/contacts.catalog.js';
import { IDENTITY_EVENT_DEFINITIONS } from './events/identity.catalog.js';
import { NOTE_EVENT_DEFINITIONS } from './events/notes.catalog.js';
import { LIFECYCLE_EVENT_DEFINITIONS } from './events/lifecycle.catalog.js';
import { OPPORTUNITY_EVENT_DEFINITIONS } from './events/opportunities/opportunities.catalog.js';
import { ERP_EVENT_DEFINITIONS } from './events/erp.catalog.js';
import { PRIVACY_EVENT_DEFINITIONS } from './events/privacy.catalog.js';
import { MERGE_EVENT_DEFINITIONS } from './events/merge.catalog.js';

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
 * Each area keeps its definitions in `events/<area>.catalog.ts`.
 */
export const EVENT_CATALOG: readonly EventDefinition[] = [...IDENTITY_EVENT_DEFINITIONS, ...CONTACT_EVENT_DEFINITIONS, ...NOTE_EVENT_DEFINITIONS, ...LIFECYCLE_EVENT_DEFINITIONS, ...OPPORTUNITY_EVENT_DEFINITIONS, ...ERP_EVENT_DEFINITIONS, ...PRIVACY_EVENT_DEFINITIONS, ...MERGE_EVENT_DEFINITIONS];

export function findEventDefinition(type: string): EventDefinition | undefined {
  return EVENT_CATALOG.find((definition) => definition.type === type);
}
