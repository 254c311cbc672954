import { dateTime, nullableText, nullableUuid, object, text, uuid, type JsonSchema } from '../../json-schema.js';
import { ticketRequesterSchema, ticketSchema, type TicketEventBase, type TicketRequester } from './tickets.events.js';

export const TICKETS_NOTE_ADDED = 'tickets.note.added';
export const TICKETS_CONVERSATION_READ = 'tickets.conversation.read';
export const TICKETS_TICKET_MERGED = 'tickets.ticket.merged';

/**
 * An internal note was posted. Deliberately without its body (nor the author's name): a client
 * told of it fetches it by REST, where visibility is checked. Never reaches the requester.
 */
export interface TicketNoteAddedData {
  tenantId: string;
  ticketId: string;
  messageId: string;
  authorId: string | null;
  createdAt: string;
  contactId: string | null;
}

/** Someone read a ticket's conversation up to a message (staff on the console, the requester on the tracking page). */
export interface TicketConversationReadData {
  tenantId: string;
  ticketId: string;
  /** So the live channel can reach the requester's tracking page (`public-ticket:<radicado>`). */
  radicado: string;
  readerKind: 'staff' | 'requester';
  /** The staff member's user id; null for the requester. */
  readerId: string | null;
  /** First name only (the requester's public page shows it). */
  readerFirstName: string | null;
  lastReadMessageId: string;
  readAt: string;
}

/**
 * A duplicate ticket was merged into this one (`ticketId` is the primary, the one that stays):
 * its messages and files moved here, it was closed with a link to the primary, and the primary
 * keeps the earlier reception date (legal due date recomputed). Notifications tells the requester
 * which radicado stays.
 */
export interface TicketMergedData extends TicketEventBase {
  duplicateTicketId: string;
  duplicateRadicado: string;
  movedMessages: number;
  movedAttachments: number;
  /** The primary's reception date after the merge (the earlier of both). */
  receivedAt: string;
  /** The primary's legal due date before the merge (null when it had none). */
  previousLegalDueAt: string | null;
  mergedBy: string | null;
  mergedAt: string;
  requester: TicketRequester;
}

export const ticketNoteAddedSchema: JsonSchema = object({
  tenantId: uuid,
  ticketId: uuid,
  messageId: uuid,
  authorId: nullableUuid,
  createdAt: dateTime,
  contactId: nullableUuid,
});

export const ticketConversationReadSchema: JsonSchema = object({
  tenantId: uuid,
  ticketId: uuid,
  radicado: text,
  readerKind: { type: 'string', enum: ['staff', 'requester'] },
  readerId: nullableUuid,
  readerFirstName: nullableText,
  lastReadMessageId: uuid,
  readAt: dateTime,
});

export const ticketMergedSchema: JsonSchema = ticketSchema({
  duplicateTicketId: uuid,
  duplicateRadicado: text,
  movedMessages: { type: 'integer' },
  movedAttachments: { type: 'integer' },
  receivedAt: dateTime,
  previousLegalDueAt: { type: ['string', 'null'], format: 'date-time' },
  mergedBy: nullableUuid,
  mergedAt: dateTime,
  requester: ticketRequesterSchema,
});
