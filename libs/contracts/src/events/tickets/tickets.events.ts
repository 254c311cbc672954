import { dateTime, integer, nullableText, nullableUuid, object, text, uuid, type JsonSchema } from '../../json-schema.js';

export const TICKETS_TICKET_CREATED = 'tickets.ticket.created';
export const TICKETS_TICKET_ASSIGNED = 'tickets.ticket.assigned';
export const TICKETS_TICKET_STATUS_CHANGED = 'tickets.ticket.status_changed';
export const TICKETS_TICKET_REPLIED = 'tickets.ticket.replied';
export const TICKETS_TICKET_CLOSED = 'tickets.ticket.closed';
export const TICKETS_TICKET_REOPENED = 'tickets.ticket.reopened';
export const TICKETS_TICKET_SUSPENDED = 'tickets.ticket.suspended';
export const TICKETS_TICKET_RESUMED = 'tickets.ticket.resumed';
export const TICKETS_TICKET_EXTENDED = 'tickets.ticket.extended';
export const TICKETS_TICKET_LEGAL_DUE_SOON = 'tickets.ticket.legal_due_soon';
export const TICKETS_TICKET_LEGAL_OVERDUE = 'tickets.ticket.legal_overdue';
export const TICKETS_TICKET_SLA_WARNING = 'tickets.ticket.sla_warning';
export const TICKETS_TICKET_SLA_BREACHED = 'tickets.ticket.sla_breached';
export const TICKETS_TICKET_SATISFACTION_RECORDED = 'tickets.ticket.satisfaction_recorded';
export const TICKETS_TICKET_REQUESTER_CHANGED = 'tickets.ticket.requester_changed';

/** The legal kind of a PQR (Ley 1755 de 2015); each has its own term in the legal-terms table. */
export const PQR_CLASSES = ['peticion_general', 'peticion_documentos', 'consulta', 'queja', 'reclamo', 'sugerencia', 'felicitacion', 'denuncia'] as const;
export type PqrClass = (typeof PQR_CLASSES)[number];

export const TICKET_PRIORITIES = ['alta', 'media', 'baja'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const TICKET_STATUSES = ['abierto', 'en_proceso', 'pendiente', 'cerrado'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_CHANNELS = ['web', 'email', 'telefono', 'presencial', 'chat', 'erp'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

export const REQUESTER_LANGUAGES = ['es', 'en'] as const;
export type RequesterLanguage = (typeof REQUESTER_LANGUAGES)[number];

/** The state of the legal clock (Ley 1755) as ClockView exposes it. */
export const LEGAL_STATES = ['on_time', 'due_soon', 'overdue', 'answered_on_time', 'answered_late', 'suspended'] as const;
export type LegalState = (typeof LEGAL_STATES)[number];

/** The state of the SLA clocks as ClockView exposes it. */
export const SLA_STATES = ['on_track', 'warning', 'breached', 'paused', 'met'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export const SLA_TARGETS = ['first_response', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/**
 * Who must be written to about the ticket. Requesters are not users: they are addressed by this
 * e-mail (null when the PQR came by phone or in person without one: nothing is e-mailed).
 */
export interface TicketRequester {
  name: string;
  email: string | null;
  language: RequesterLanguage;
  /** Optional, on `created` only: what contacts needs to create the contact of a public PQR. */
  phone?: string | null;
  documentType?: string | null;
  documentNumber?: string | null;
}

/** Fields every tickets event carries: enough for a consumer to act without calling back. */
export interface TicketEventBase {
  ticketId: string;
  radicado: string;
  /** The requester's contact when known (a public PQR from an unknown e-mail starts as null). */
  contactId: string | null;
  pqrClass: PqrClass;
  categoryId: string | null;
  priority: TicketPriority;
  status: TicketStatus;
  channel: TicketChannel;
  subject: string;
  assigneeId: string | null;
  teamId: string | null;
  /** The legal due date (end of business day N in the tenant's zone), ISO. */
  legalDueAt: string | null;
  /** Optional: the IANA zone of the ticket's business calendar; e-mails show dates in it (default America/Bogota). */
  timeZone?: string;
}

export interface TicketCreatedData extends TicketEventBase {
  receivedAt: string;
  /** Null for a public filing (no user). */
  createdBy: string | null;
  requester: TicketRequester;
  /** The public tracking page with the token (only in this event and `closed`); null without a requester e-mail. */
  trackingUrl: string | null;
  /** Optional, channel e-mail: the Message-ID (with brackets) of the e-mail that opened the PQR; the acuse de recibo answers it. */
  emailMessageId?: string | null;
}

export interface TicketAssignedData extends TicketEventBase {
  assigneeId: string;
  previousAssigneeId: string | null;
  /** Null when the automatic assignment chose the agent. */
  assignedBy: string | null;
  assignedAt: string;
}

export interface TicketStatusChangedData extends TicketEventBase {
  previousStatus: TicketStatus;
  changedBy: string | null;
  changedAt: string;
}

/**
 * A public reply (internal notes never publish an event with their body). `body` is plain text
 * as the requester sees it; consumers must escape it for HTML.
 */
export interface TicketRepliedData extends TicketEventBase {
  messageId: string;
  body: string;
  /** 'staff' = a reply to the requester; 'requester' = the requester wrote on the public page. */
  authorKind: 'staff' | 'requester';
  /** Staff author's user id; null when the requester wrote. */
  authorId: string | null;
  /** Only the first name of a staff author is ever shown to the requester. */
  authorFirstName: string | null;
  repliedAt: string;
  requester: TicketRequester;
  /** The body's Markdown-style formatting rendered to safe HTML (no raw HTML, no images, only http(s)/mailto links). */
  bodyHtml?: string;
  /** Files that came with the reply (names and sizes; the bytes are fetched by REST). */
  attachments?: TicketRepliedAttachment[];
  /** Optional (added later): when the requester wrote on an unassigned ticket, the active managers of its team (they are notified). */
  managerIds?: string[];
}

export interface TicketRepliedAttachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
}

/** Staff corrected the requester's data (PATCH /tickets/{id}); a changed e-mail unlinks the contact (`contactId` null) until contacts links the new one. */
export interface TicketRequesterChangedData extends TicketEventBase {
  /** Which of name, email, phone, documentType, documentNumber changed (never their values besides `requester`). */
  changedFields: string[];
  /** The contact the ticket pointed at before (null when it had none). */
  previousContactId: string | null;
  /** The requester as it is now, with phone and document (what contacts needs to find or create the contact). */
  requester: TicketRequester;
  changedBy: string;
  changedAt: string;
}

export interface TicketClosedData extends TicketEventBase {
  resolution: string | null;
  closedBy: string | null;
  closedAt: string;
  legalState: LegalState | null;
  slaState: SlaState | null;
  requester: TicketRequester;
  /** Tracking page with the token when the publisher still knows it; notifications falls back to the link of `created`. */
  trackingUrl: string | null;
}

export interface TicketReopenedData extends TicketEventBase {
  reopenedBy: string | null;
  reopenedAt: string;
  reason: string | null;
}

/** Art. 17: the request is incomplete; the legal clock stops until the petitioner answers. */
export interface TicketSuspendedData extends TicketEventBase {
  reason: string;
  suspendedBy: string | null;
  suspendedAt: string;
  requester?: TicketRequester;
}

export interface TicketResumedData extends TicketEventBase {
  /** Null when the petitioner's reply resumed it. */
  resumedBy: string | null;
  resumedAt: string;
}

/** Art. 14 parágrafo: the petitioner must be told the reason and the new date before the due date. */
export interface TicketExtendedData extends TicketEventBase {
  reason: string;
  previousDueAt: string;
  newDueAt: string;
  extendedBy: string;
  extendedAt: string;
  requester: TicketRequester;
}

export interface TicketLegalAlertData extends TicketEventBase {
  legalDueAt: string;
  /** Business days left until the due date (0 on the due day, negative once overdue). */
  businessDaysLeft: number;
  /** Managers of the ticket's team (from the users projection); overdue escalates to them. */
  managerIds: string[];
}
export type TicketLegalDueSoonData = TicketLegalAlertData;
export type TicketLegalOverdueData = TicketLegalAlertData;

export interface TicketSlaAlertData extends TicketEventBase {
  target: SlaTarget;
  dueAt: string;
  managerIds: string[];
}
export type TicketSlaWarningData = TicketSlaAlertData;
export type TicketSlaBreachedData = TicketSlaAlertData;

export interface TicketSatisfactionRecordedData extends TicketEventBase {
  rating: 1 | 2 | 3 | 4 | 5;
  comment: string | null;
  legalOutcome: LegalState | null;
  slaOutcome: SlaState | null;
  recordedAt: string;
}

const nullableDateTime: JsonSchema = { type: ['string', 'null'], format: 'date-time' };
const uuidList: JsonSchema = { type: 'array', items: uuid };
const legalState: JsonSchema = { type: ['string', 'null'], enum: [...LEGAL_STATES, null] };
const slaState: JsonSchema = { type: ['string', 'null'], enum: [...SLA_STATES, null] };
const status: JsonSchema = { type: 'string', enum: TICKET_STATUSES };

export const ticketRequesterSchema: JsonSchema = object(
  {
    name: text,
    email: nullableText,
    language: { type: 'string', enum: REQUESTER_LANGUAGES },
    phone: nullableText,
    documentType: nullableText,
    documentNumber: nullableText,
  },
  ['name', 'email', 'language'],
);

const baseProperties: Record<string, JsonSchema> = {
  ticketId: uuid,
  radicado: { type: 'string', pattern: '^[A-Z]+-\\d{4}-\\d{6,}$', description: 'Per tenant and year, e.g. PQR-2026-000042.' },
  contactId: nullableUuid,
  pqrClass: { type: 'string', enum: PQR_CLASSES },
  categoryId: nullableUuid,
  priority: { type: 'string', enum: TICKET_PRIORITIES },
  status,
  channel: { type: 'string', enum: TICKET_CHANNELS },
  subject: text,
  assigneeId: nullableUuid,
  teamId: nullableUuid,
  legalDueAt: nullableDateTime,
  timeZone: { type: 'string', description: 'IANA zone of the business calendar, e.g. America/Bogota.' },
};
const baseRequired = Object.keys(baseProperties).filter((key) => key !== 'timeZone');

export function ticketSchema(extra: Record<string, JsonSchema>, extraRequired: readonly string[] = Object.keys(extra)): JsonSchema {
  // A fresh tree per event: shared sub-objects would become YAML aliases in docs/asyncapi.yaml,
  // and 14 events sharing the base would exceed the YAML parser's alias budget. An extra field
  // may narrow a base one (assigneeId, legalDueAt): `required` must not list it twice, or ajv
  // refuses the schema and the transport could only check the envelope.
  return JSON.parse(JSON.stringify(object({ ...baseProperties, ...extra }, [...new Set([...baseRequired, ...extraRequired])]))) as JsonSchema;
}

export const ticketCreatedSchema = ticketSchema(
  {
    receivedAt: dateTime,
    createdBy: nullableUuid,
    requester: ticketRequesterSchema,
    trackingUrl: nullableText,
    emailMessageId: { type: ['string', 'null'], description: 'Channel e-mail only: the Message-ID of the e-mail that opened the PQR (the acuse de recibo answers it).' },
  },
  ['receivedAt', 'createdBy', 'requester', 'trackingUrl'],
);

export const ticketAssignedSchema = ticketSchema({
  assigneeId: uuid,
  previousAssigneeId: nullableUuid,
  assignedBy: nullableUuid,
  assignedAt: dateTime,
});

export const ticketStatusChangedSchema = ticketSchema({ previousStatus: status, changedBy: nullableUuid, changedAt: dateTime });

export const ticketRepliedSchema = ticketSchema(
  {
    messageId: uuid,
    body: { type: 'string', description: 'Plain text of the public reply (never an internal note); escape it for HTML.' },
    authorKind: { type: 'string', enum: ['staff', 'requester'] },
    authorId: nullableUuid,
    authorFirstName: nullableText,
    repliedAt: dateTime,
    requester: ticketRequesterSchema,
    bodyHtml: { type: 'string', description: 'The body rendered from its Markdown-style formatting to sanitised HTML (no raw HTML, no images, only http/https/mailto links).' },
    attachments: { type: 'array', items: object({ id: uuid, fileName: text, contentType: text, size: integer }) },
    managerIds: { ...uuidList, description: 'Optional (added later): the active managers of the team of an unassigned ticket, set when the requester wrote, so they are told.' },
  },
  ['messageId', 'body', 'authorKind', 'authorId', 'authorFirstName', 'repliedAt', 'requester'],
);

export const ticketRequesterChangedSchema = ticketSchema({
  changedFields: { type: 'array', items: { type: 'string', enum: ['name', 'email', 'phone', 'documentType', 'documentNumber'] } },
  previousContactId: nullableUuid,
  requester: ticketRequesterSchema,
  changedBy: uuid,
  changedAt: dateTime,
});

export const ticketClosedSchema = ticketSchema({
  resolution: nullableText,
  closedBy: nullableUuid,
  closedAt: dateTime,
  legalState,
  slaState,
  requester: ticketRequesterSchema,
  trackingUrl: nullableText,
});

export const ticketReopenedSchema = ticketSchema({ reopenedBy: nullableUuid, reopenedAt: dateTime, reason: nullableText });

export const ticketSuspendedSchema = ticketSchema({ reason: text, suspendedBy: nullableUuid, suspendedAt: dateTime, requester: ticketRequesterSchema }, [
  'reason',
  'suspendedBy',
  'suspendedAt',
]);

export const ticketResumedSchema = ticketSchema({ resumedBy: nullableUuid, resumedAt: dateTime });

export const ticketExtendedSchema = ticketSchema({
  reason: text,
  previousDueAt: dateTime,
  newDueAt: dateTime,
  extendedBy: uuid,
  extendedAt: dateTime,
  requester: ticketRequesterSchema,
});

export const ticketLegalAlertSchema = ticketSchema({ legalDueAt: dateTime, businessDaysLeft: integer, managerIds: uuidList });

export const ticketSlaAlertSchema = ticketSchema({
  target: { type: 'string', enum: SLA_TARGETS },
  dueAt: dateTime,
  managerIds: uuidList,
});

export const ticketSatisfactionRecordedSchema = ticketSchema({
  rating: { type: 'integer', enum: [1, 2, 3, 4, 5] },
  comment: nullableText,
  legalOutcome: legalState,
  slaOutcome: slaState,
  recordedAt: dateTime,
});
