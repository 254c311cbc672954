import { outboxArchiveMigration } from '@crm/messaging';
import { OpportunitiesInitial1767225600000 } from './1767225600000-opportunities-initial.js';
import { PipelinesOpportunities1767500000000 } from './1767500000000-pipelines-opportunities.js';
import { OpportunityNotesDocuments1767500010000 } from './1767500010000-opportunity-notes-documents.js';
import { Quotes1767500100000 } from './1767500100000-quotes.js';
import { ErpOrders1767500110000 } from './1767500110000-erp-orders.js';
import { Activities1767500130000 } from './1767500130000-activities.js';
import { OpportunitiesBenchIndexes1767500900000 } from './1767500900000-opportunities-bench-indexes.js';
import { ActivityReminders1767600100000 } from './1767600100000-activity-reminders.js';
import { QuoteSettingsExpiry1767600110000 } from './1767600110000-quote-settings-expiry.js';
import { OpportunityNoteReminders1767600120000 } from './1767600120000-opportunity-note-reminders.js';

/** In order; run at start (never `synchronize`). */
export const OPPORTUNITIES_MIGRATIONS = [
  OpportunitiesInitial1767225600000,
  PipelinesOpportunities1767500000000,
  OpportunityNotesDocuments1767500010000,
  Quotes1767500100000,
  ErpOrders1767500110000,
  Activities1767500130000,
  OpportunitiesBenchIndexes1767500900000,
  ActivityReminders1767600100000,
  QuoteSettingsExpiry1767600110000,
  OpportunityNoteReminders1767600120000,
  outboxArchiveMigration('opportunities'),
];
