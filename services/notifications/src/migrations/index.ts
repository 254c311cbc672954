import { outboxArchiveMigration } from '@crm/messaging';
import { NotificationsInitial1767225600000 } from './1767225600000-notifications-initial.js';
import { UserProjectionTeams1767312000000 } from './1767312000000-user-projection-teams.js';
import { TicketTrackingLinks1767400200000 } from './1767400200000-ticket-tracking-links.js';
import { EmailAttachments1767500120000 } from './1767500120000-email-attachments.js';
import { PreferencesLiveFeed1767600300000 } from './1767600300000-preferences-live-feed.js';
import { EmailThreading1767609000000 } from './1767609000000-email-threading.js';

/** In order; run at start (never `synchronize`). */
export const NOTIFICATIONS_MIGRATIONS = [
  NotificationsInitial1767225600000,
  UserProjectionTeams1767312000000,
  TicketTrackingLinks1767400200000,
  EmailAttachments1767500120000,
  PreferencesLiveFeed1767600300000,
  EmailThreading1767609000000,
  outboxArchiveMigration('notifications'),
];
