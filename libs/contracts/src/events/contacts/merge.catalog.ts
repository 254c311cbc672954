import type { EventDefinition } from '../../event-catalog.js';
import * as m from './merge.events.js';

/**
 * Duplicates merged into one contact. No service consumes it yet (reporting keeps contact ids in
 * its read models and should repoint them when it does); the ERP can.
 */
export const MERGE_EVENT_DEFINITIONS: readonly EventDefinition[] = [
  {
    type: m.CONTACTS_CONTACT_MERGED,
    publisher: 'contacts',
    consumers: ['opportunities'],
    summary:
      'Contactos duplicados se fusionaron en uno (el sobreviviente); actualice las referencias a los ids fusionados. / Duplicate contacts were merged into a survivor; repoint references to the merged ids.',
    schema: m.contactMergedSchema,
    exchange: 'crm.events',
  },
];
