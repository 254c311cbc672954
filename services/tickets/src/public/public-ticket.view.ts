import type { LegalState, PqrClass, TicketStatus } from '@crm/contracts';

/** A message as the requester sees it: staff by first name only, never an internal note. */
export interface PublicMessageView {
  id: string;
  from: 'requester' | 'staff';
  /** The staff member's first name; null for the requester's own messages. */
  authorFirstName: string | null;
  body: string;
  attachments: { fileName: string; sizeBytes: number }[];
  createdAt: string;
}

/** What the public tracking page shows (GET /public/tickets/{radicado}?token=…). */
export interface PublicTicketView {
  /** The ticket's id: what the realtime gateway keys the `public-ticket:` topic on (radicados repeat across tenants). */
  ticketId: string;
  radicado: string;
  status: TicketStatus;
  statusLabel: string;
  pqrClass: PqrClass;
  pqrClassLabel: string;
  category: string | null;
  subject: string;
  description: string;
  receivedAt: string;
  legalDueAt: string | null;
  legalState: LegalState | null;
  closedAt: string | null;
  resolution: string | null;
  messages: PublicMessageView[];
  satisfaction: { rating: number; comment: string | null; recordedAt: string } | null;
  /** True when closed and not rated yet. */
  canRate: boolean;
}

/** Answer of POST /public/tickets. */
export interface FilingReceipt {
  radicado: string;
  /** Keep it: with the radicado it opens the tracking page (also e-mailed in the acuse de recibo). */
  trackingToken: string;
  legalDueAt: string | null;
  trackingUrl: string | null;
}
