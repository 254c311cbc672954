export const INBOUND_OUTCOMES = ['ticket_created', 'reply_added', 'ignored'] as const;
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];

/** One received e-mail in the channel's log (GET /ticket-inbound-emails). */
export interface InboundEmailView {
  id: string;
  address: string;
  messageId: string;
  fromAddress: string | null;
  fromName: string | null;
  subject: string | null;
  outcome: InboundOutcome;
  /** Why it was ignored, or how a reply was matched / why it became a new ticket. */
  reason: string | null;
  ticketId: string | null;
  ticketMessageId: string | null;
  /** As the receiving servers reported them (Authentication-Results / Received-SPF); null when absent. */
  spf: string | null;
  dkim: string | null;
  dmarc: string | null;
  sizeBytes: number;
  attachmentsStored: number;
  attachmentsRefused: { fileName: string; reason: string }[];
  receivedAt: string;
}
