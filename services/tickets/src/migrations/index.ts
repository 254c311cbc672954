import { outboxArchiveMigration } from '@crm/messaging';
import { TicketsInitial1767225600000 } from './1767225600000-tickets-initial.js';
import { TicketsCore1767400000000 } from './1767400000000-tickets-core.js';
import { BusinessCalendars1767400100000 } from './1767400100000-business-calendars.js';
import { LegalTerms1767400110000 } from './1767400110000-legal-terms.js';
import { SlaPolicies1767400120000 } from './1767400120000-sla-policies.js';
import { TicketClocks1767400130000 } from './1767400130000-ticket-clocks.js';
import { PublicPqr1767400200000 } from './1767400200000-public-pqr.js';
import { InboxIndexes1767400300000 } from './1767400300000-inbox-indexes.js';
import { TicketChat1767600100000 } from './1767600100000-ticket-chat.js';
import { CannedResponses1767600110000 } from './1767600110000-canned-responses.js';
import { TicketMerge1767600120000 } from './1767600120000-ticket-merge.js';
import { EmailChannel1767609000000 } from './1767609000000-email-channel.js';

/** In order; run at start (never `synchronize`). */
export const TICKETS_MIGRATIONS = [
  TicketsInitial1767225600000,
  TicketsCore1767400000000,
  BusinessCalendars1767400100000,
  LegalTerms1767400110000,
  SlaPolicies1767400120000,
  TicketClocks1767400130000,
  PublicPqr1767400200000,
  InboxIndexes1767400300000,
  TicketChat1767600100000,
  CannedResponses1767600110000,
  TicketMerge1767600120000,
  EmailChannel1767609000000,
  outboxArchiveMigration('tickets'),
];
