import type { LegalState, PqrClass, TicketStatus } from '@crm/contracts';

/** A message as the requester sees it: staff by first name only, never an internal note. */
export interface PublicMessageView {
  id: string;
  from: 'requester' | 'staff';
  /** The staff member's first name; null for the requester's own messages. */
  authorFirstName: string | null;
  /** The source text as typed (Markdown-style formatting). */
  body: string;
  /** Safe HTML of the body: no raw HTML, no images, only http(s)/mailto links. */
  bodyHtml: string;
  /** Download one with GET /public/tickets/{radicado}/attachments/{id}/download?token=…. */
  attachments: { id: string; fileName: string; contentType: string; sizeBytes: number }[];
  createdAt: string;
}

/** A read receipt as the requester sees it: staff by first name, pointing at a public message only. */
export interface PublicReadReceipt {
  from: 'requester' | 'staff';
  firstName: string | null;
  lastReadMessageId: string;
  readAt: string;
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
  /** Who read the conversation up to which public message (additive). */
  readReceipts: PublicReadReceipt[];
  /** When this PQR was merged into another: the radicado that stays (its messages moved there). */
  mergedIntoRadicado: string | null;
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
