import { NotificationsInitial1767225600000 } from './1767225600000-notifications-initial.js';

/** In order; run at start (never `synchronize`). */
export const NOTIFICATIONS_MIGRATIONS = [NotificationsInitial1767225600000];
