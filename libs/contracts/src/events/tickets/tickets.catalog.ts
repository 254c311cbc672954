import type { EventDefinition } from '../../event-catalog.js';
import * as t from './tickets.events.js';
import { CONTACTS_PQR_REQUESTER_LINKED, pqrRequesterLinkedSchema } from './pqr-requester.events.js';
import * as c from './conversation.events.js';

/** Contacts consumes every tickets.ticket.* event that names a contact: the contact's timeline. */
function ticketEvent(type: string, consumers: readonly string[], summary: string, schema: EventDefinition['schema']): EventDefinition {
  return { type, publisher: 'tickets', consumers: [...new Set([...consumers, 'contacts', 'reporting'])], summary, schema, exchange: 'crm.events' };
}

/** Every tickets event (issue #8) plus contacts' answer to a public PQR from an unknown e-mail. */
export const TICKET_EVENT_DEFINITIONS: readonly EventDefinition[] = [
  ticketEvent(
    t.TICKETS_TICKET_CREATED,
    ['notifications', 'contacts'],
    'Se radicó una PQR; notifications envía el acuse de recibo (radicado, fecha legal de respuesta, enlace de seguimiento) y contacts crea o vincula el contacto de un solicitante desconocido. / A PQR was filed: acknowledgement e-mail; contacts links or creates the requester.',
    t.ticketCreatedSchema,
  ),
  ticketEvent(
    t.TICKETS_TICKET_ASSIGNED,
    ['notifications'],
    'Se asignó la PQR a un agente (manual o automáticamente); se le notifica. / A ticket was assigned; the agent is notified.',
    t.ticketAssignedSchema,
  ),
  ticketEvent(t.TICKETS_TICKET_STATUS_CHANGED, [], 'Cambió el estado de la PQR (Abierto, En Proceso, Pendiente, Cerrado). / The ticket status changed.', t.ticketStatusChangedSchema),
  ticketEvent(
    t.TICKETS_TICKET_REPLIED,
    ['notifications'],
    'Respuesta pública (del personal: se envía por correo al solicitante; o del solicitante en la página pública). Nunca notas internas. / A public reply; never internal notes.',
    t.ticketRepliedSchema,
  ),
  ticketEvent(
    t.TICKETS_TICKET_CLOSED,
    ['notifications'],
    'Se cerró la PQR con su resolución y el resultado legal y de SLA; notifications envía la encuesta de satisfacción. / A ticket was closed; the CSAT request is e-mailed.',
    t.ticketClosedSchema,
  ),
  ticketEvent(t.TICKETS_TICKET_REOPENED, [], 'Se reabrió una PQR cerrada. / A closed ticket was reopened.', t.ticketReopenedSchema),
  ticketEvent(
    t.TICKETS_TICKET_SUSPENDED,
    ['notifications'],
    'Término legal suspendido (art. 17 Ley 1755: solicitud incompleta); notifications pide al peticionario completarla. / The legal term was suspended; the petitioner is asked to complete the request.',
    t.ticketSuspendedSchema,
  ),
  ticketEvent(t.TICKETS_TICKET_RESUMED, [], 'El término legal se reanudó (respuesta del peticionario o del personal). / The legal term resumed.', t.ticketResumedSchema),
  ticketEvent(
    t.TICKETS_TICKET_EXTENDED,
    ['notifications'],
    'Prórroga del término (art. 14 parágrafo): se informa al peticionario el motivo y la nueva fecha. / The legal term was extended; the petitioner is told the reason and new date.',
    t.ticketExtendedSchema,
  ),
  ticketEvent(
    t.TICKETS_TICKET_LEGAL_DUE_SOON,
    ['notifications'],
    'La PQR vence pronto (N días hábiles antes y el día del vencimiento); se avisa al asignado. / The legal due date is near; the assignee is alerted.',
    t.ticketLegalAlertSchema,
  ),
  ticketEvent(
    t.TICKETS_TICKET_LEGAL_OVERDUE,
    ['notifications'],
    'La PQR venció sin respuesta; se avisa al asignado y a los gerentes del equipo. / The legal term expired; the assignee and team managers are alerted.',
    t.ticketLegalAlertSchema,
  ),
  ticketEvent(
    t.TICKETS_TICKET_SLA_WARNING,
    ['notifications'],
    'Se consumió el 75 % del SLA (primera respuesta o resolución); se avisa al asignado. / 75 % of an SLA target elapsed; the assignee is warned.',
    t.ticketSlaAlertSchema,
  ),
  ticketEvent(
    t.TICKETS_TICKET_SLA_BREACHED,
    ['notifications'],
    'Se incumplió el SLA; se avisa al asignado y a los gerentes del equipo. / An SLA target was breached; the assignee and team managers are alerted.',
    t.ticketSlaAlertSchema,
  ),
  ticketEvent(
    t.TICKETS_TICKET_SATISFACTION_RECORDED,
    [],
    'El solicitante calificó la atención (1 a 5 y comentario), guardada con el resultado legal y de SLA. / The requester rated the service (CSAT).',
    t.ticketSatisfactionRecordedSchema,
  ),
  ticketEvent(
    c.TICKETS_TICKET_MERGED,
    ['notifications'],
    'Una PQR duplicada se fusionó en esta (la principal): mensajes y archivos movidos, la duplicada cerrada con enlace, fecha de recepción más antigua conservada; notifications informa al solicitante el radicado que queda. / A duplicate ticket was merged into this one; the requester is told which radicado stays.',
    c.ticketMergedSchema,
  ),
  {
    type: c.TICKETS_NOTE_ADDED,
    publisher: 'tickets',
    consumers: [],
    summary:
      'Se agregó una nota interna a la PQR, SIN su texto (el cliente la pide por REST, con visibilidad); la entrega en tiempo real la hace el gateway, solo al personal. / An internal note was added, without its body; staff-only realtime delivery.',
    schema: c.ticketNoteAddedSchema,
    exchange: 'crm.events',
  },
  {
    type: c.TICKETS_CONVERSATION_READ,
    publisher: 'tickets',
    consumers: [],
    summary:
      'Confirmación de lectura: el personal (POST /tickets/{id}/read) o el solicitante (POST /public/tickets/{radicado}/read) leyó la conversación hasta un mensaje. / A read receipt from staff or the requester.',
    schema: c.ticketConversationReadSchema,
    exchange: 'crm.events',
  },
  ticketEvent(
    t.TICKETS_TICKET_REQUESTER_CHANGED,
    ['contacts'],
    'El personal corrigió los datos del solicitante (nombre, correo, teléfono, documento); si cambió el correo, contacts vincula (o crea) el contacto de ese correo. / Staff corrected the requester; a changed e-mail is re-linked by contacts.',
    t.ticketRequesterChangedSchema,
  ),
  {
    type: CONTACTS_PQR_REQUESTER_LINKED,
    publisher: 'contacts',
    consumers: ['tickets'],
    summary:
      'Contacts encontró (por correo, siguiendo fusiones) o creó (fuente "PQR") el contacto del solicitante de una PQR pública; tickets lo vincula. / The requester of a public PQR was matched or created as a contact; tickets links it.',
    schema: pqrRequesterLinkedSchema,
    exchange: 'crm.events',
  },
];
