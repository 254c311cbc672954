import type { LegalState, PqrClass, SlaState, TicketPriority, TicketStatus } from '@crm/contracts';

/** What the clocks need to know about a ticket (tickets-core passes it before and after a change). */
export interface ClockTicket {
  id: string;
  tenantId: string;
  pqrClass: PqrClass;
  priority: TicketPriority;
  categoryId: string | null;
  receivedAt: Date;
  status: TicketStatus;
}

/** The clock figures shown on a ticket. */
export interface ClockView {
  /** End of business day N (23:59:59.999 in the calendar zone) as ISO UTC; null while suspended. */
  legalDueAt: string | null;
  /** Business days left (0 on the due day, negative once overdue); while suspended, the days still to run. */
  legalBusinessDaysLeft: number | null;
  legalState: LegalState;
  legalTermDays: number;
  /** Set after an art. 14 extension: the term (business days) in force. */
  legalExtendedTermDays: number | null;
  legalSuspendedSince: string | null;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  /** Null when no SLA policy applies. */
  slaState: SlaState | null;
  timeZone: string;
}
