import type { EventDefinition } from '../../event-catalog.js';
import * as o from './opportunities.events.js';
import * as r from './opportunity-records.events.js';
import * as s from './sales.events.js';

/** Schemas are copied so the AsyncAPI YAML spells each one out instead of aliasing shared parts. */
/** Reporting reads every opportunity, activity and quote event (its read models). */
const READ_BY_REPORTING = /^opportunities\.(opportunity|activity|quote)\./;

function define(type: string, consumers: readonly string[], summary: string, schema: EventDefinition['schema']): EventDefinition {
  return {
    type,
    publisher: 'opportunities',
    consumers: READ_BY_REPORTING.test(type) ? [...consumers, 'reporting'] : consumers,
    summary,
    schema: JSON.parse(JSON.stringify(schema)) as EventDefinition['schema'],
    exchange: 'crm.events',
  };
}

/** Every event carries `contactId`, so contacts' timeline shows it. */
export const OPPORTUNITY_EVENT_DEFINITIONS: readonly EventDefinition[] = [
  define(o.OPPORTUNITIES_OPPORTUNITY_CREATED, ['contacts'], 'Se creó una oportunidad. / An opportunity was created.', o.opportunityCreatedSchema),
  define(o.OPPORTUNITIES_OPPORTUNITY_UPDATED, ['contacts'], 'Campos de una oportunidad cambiaron. / Opportunity fields changed.', o.opportunityUpdatedSchema),
  define(
    o.OPPORTUNITIES_OPPORTUNITY_ASSIGNED,
    ['contacts', 'notifications'],
    'Se asignó el agente comercial o el usuario responsable de una oportunidad (un evento por rol). / The agent or the assignee of an opportunity was set.',
    o.opportunityAssignedSchema,
  ),
  define(o.OPPORTUNITIES_OPPORTUNITY_STAGE_CHANGED, ['contacts'], 'Una oportunidad pasó a otra etapa del embudo. / An opportunity moved to another stage.', o.opportunityStageChangedSchema),
  define(
    o.OPPORTUNITIES_OPPORTUNITY_WON,
    ['contacts'],
    'Se ganó una oportunidad; contacts convierte su contacto en cliente (si aún no lo es). / An opportunity was won; contacts converts its contact to customer.',
    o.opportunityWonSchema,
  ),
  define(o.OPPORTUNITIES_OPPORTUNITY_LOST, ['contacts'], 'Se perdió una oportunidad (con motivo). / An opportunity was lost (with a reason).', o.opportunityLostSchema),
  define(o.OPPORTUNITIES_OPPORTUNITY_REOPENED, ['contacts'], 'Se reabrió una oportunidad ganada o perdida. / A won or lost opportunity was reopened.', o.opportunityReopenedSchema),
  define(
    o.OPPORTUNITIES_OPPORTUNITY_STALLED,
    ['contacts', 'notifications'],
    'Una oportunidad lleva sin actividad el umbral de su etapa (una vez por estancamiento). / An opportunity has had no activity for its stage threshold.',
    o.opportunityStalledSchema,
  ),
  define(
    r.OPPORTUNITIES_NOTE_ADDED,
    ['notifications'],
    'Nota en una oportunidad (las privadas sin texto). / A note was added to an opportunity (private ones carry no text).',
    r.opportunityNoteAddedSchema,
  ),
  define(r.OPPORTUNITIES_NOTE_UPDATED, [], 'Se editó una nota de una oportunidad. / An opportunity note was edited.', r.opportunityNoteUpdatedSchema),
  define(r.OPPORTUNITIES_NOTE_DELETED, [], 'Se eliminó una nota de una oportunidad. / An opportunity note was deleted.', r.opportunityNoteDeletedSchema),
  define(
    r.OPPORTUNITIES_NOTE_REMINDER_DUE,
    ['notifications'],
    'Llegó la fecha de aviso de una nota de oportunidad; notifications avisa a su autor (las privadas sin texto). / An opportunity note reminder date arrived.',
    r.opportunityNoteReminderDueSchema,
  ),
  define(r.OPPORTUNITIES_DOCUMENT_UPLOADED, ['notifications'], 'Se adjuntó un archivo a una oportunidad. / A file was attached to an opportunity.', r.opportunityDocumentUploadedSchema),
  define(r.OPPORTUNITIES_DOCUMENT_DELETED, [], 'Se eliminó un archivo de una oportunidad. / An opportunity file was deleted.', r.opportunityDocumentDeletedSchema),
  define(s.OPPORTUNITIES_ACTIVITY_CREATED, [], 'Se registró o agendó una actividad (tarea, llamada, reunión, visita, correo). / An activity was logged or scheduled.', s.activityEventSchema),
  define(s.OPPORTUNITIES_ACTIVITY_COMPLETED, [], 'Se completó una actividad. / An activity was completed.', s.activityEventSchema),
  define(
    s.OPPORTUNITIES_ACTIVITY_DUE,
    ['notifications'],
    'Recordatorio de una actividad pendiente, una vez por actividad, minutesBefore antes de su vencimiento; notifications avisa al responsable. / Reminder of a pending activity, once, minutesBefore its due time.',
    s.activityDueSchema,
  ),
  define(
    s.OPPORTUNITIES_ACTIVITY_UPDATED,
    [],
    'Se modificó una actividad pendiente (p. ej. se reprogramó: su recordatorio se vuelve a programar). / A pending activity was edited (e.g. rescheduled: its reminder is re-armed).',
    s.activityUpdatedSchema,
  ),
  define(s.OPPORTUNITIES_QUOTE_CREATED, [], 'Se creó una cotización. / A quote was created.', s.quoteEventSchema),
  define(
    s.OPPORTUNITIES_QUOTE_SENT,
    ['notifications'],
    'Se envió una cotización al cliente: notifications le envía el PDF (guardado en S3) a su correo principal. / A quote was sent; notifications e-mails the PDF.',
    s.quoteSentSchema,
  ),
  define(
    s.OPPORTUNITIES_QUOTE_ACCEPTED,
    ['erp'],
    'El cliente aceptó una cotización; lleva cliente (con NIT), líneas, impuestos y totales para que el ERP cree el pedido de venta. / A quote was accepted; the ERP creates the sales order.',
    s.quoteAcceptedSchema,
  ),
  define(s.OPPORTUNITIES_QUOTE_REJECTED, [], 'El cliente rechazó una cotización (con motivo). / A quote was rejected.', s.quoteRejectedSchema),
  define(
    s.OPPORTUNITIES_QUOTE_EXPIRED,
    ['notifications'],
    'Una cotización enviada venció: el día siguiente a su fecha de validez a las 00:00 en la zona horaria de la organización; notifications avisa a quien la elaboró. / A sent quote expired (the day after validUntil at 00:00, tenant time zone); notifications tells its seller.',
    s.quoteExpiredSchema,
  ),
];
