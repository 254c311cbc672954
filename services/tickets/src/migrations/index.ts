import { TicketsInitial1767225600000 } from './1767225600000-tickets-initial.js';
import { TicketsCore1767400000000 } from './1767400000000-tickets-core.js';

/** In order; run at start (never `synchronize`). */
export const TICKETS_MIGRATIONS = [TicketsInitial1767225600000, TicketsCore1767400000000];
