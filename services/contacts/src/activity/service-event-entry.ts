import type { ActivitySource } from './contact-activity.entity.js';
import { isUuid } from '@crm/common';

/** Spanish titles of known opportunities/tickets events; others get a generic one. */
const TITLES: Record<string, string> = {
  'opportunities.opportunity.created': 'Oportunidad creada',
  'opportunities.opportunity.updated': 'Oportunidad actualizada',
  'opportunities.opportunity.assigned': 'Oportunidad asignada',
  'opportunities.opportunity.stage_changed': 'Oportunidad cambió de etapa',
  'opportunities.opportunity.won': 'Oportunidad ganada',
  'opportunities.opportunity.lost': 'Oportunidad perdida',
  'opportunities.opportunity.reopened': 'Oportunidad reabierta',
  'tickets.ticket.created': 'PQR radicada',
  'tickets.ticket.updated': 'PQR actualizada',
  'tickets.ticket.assigned': 'PQR asignada',
  'tickets.ticket.status_changed': 'PQR cambió de estado',
  'tickets.ticket.extended': 'PQR con plazo ampliado',
  'tickets.ticket.closed': 'PQR cerrada',
  'tickets.ticket.reopened': 'PQR reabierta',
};
export const WEB_FORM_TITLE = 'Nuevo formulario recibido';
const AGGREGATES: Record<string, string> = { opportunity: 'Oportunidad', ticket: 'PQR' };
/**
 * Never copied: free-text fields that may hold personal or confidential content, and
 * `trackingUrl` (tickets' public page link carries the requester's tracking token).
 */
const SKIPPED = new Set(['description', 'body', 'bodyHtml', 'message', 'text', 'content', 'notes', 'note', 'comment', 'email', 'phone', 'trackingUrl']);
const NAME_FIELDS = ['title', 'name', 'radicado', 'number'] as const;
const ACTOR_FIELDS = ['actorId', 'changedBy', 'updatedBy', 'createdBy', 'assignedBy', 'closedBy', 'ownerId'] as const;
const MAX_TEXT = 200;
const MAX_FIELDS = 30;

export interface ServiceEventEntry {
  source: ActivitySource;
  kind: string;
  title: string;
  actorId: string | null;
  referenceId: string | null;
  details: Record<string, unknown>;
}

/**
 * The contract for opportunities.* and tickets.* events on a contact's timeline: any such event
 * whose `data.contactId` is a contact of the tenant becomes one entry, kind = the event type,
 * a Spanish title (plus the record's title/name/radicado when given) and the event's scalar fields.
 */
export function serviceEventEntry(type: string, subject: unknown, data: Record<string, unknown>): ServiceEventEntry {
  const [service, aggregate = ''] = type.split('.');
  const label = eventLabel(type);
  const name = NAME_FIELDS.map((field) => data[field]).find((value): value is string => typeof value === 'string' && value.trim().length > 0);
  const actor = ACTOR_FIELDS.map((field) => data[field]).find((value): value is string => typeof value === 'string' && isUuid(value));
  const reference = typeof subject === 'string' && subject ? subject : (data[`${aggregate}Id`] as string | undefined);
  return {
    source: service === 'tickets' ? 'tickets' : 'opportunities',
    kind: type,
    title: truncate(name ? `${label}: ${name.trim()}` : label),
    actorId: actor ?? null,
    referenceId: typeof reference === 'string' ? reference.slice(0, MAX_TEXT) : null,
    details: scalarFields(data),
  };
}

function eventLabel(type: string): string {
  const [, aggregate = '', verb = ''] = type.split('.');
  return TITLES[type] ?? `${AGGREGATES[aggregate] ?? aggregate}: ${verb.replace(/_/g, ' ')}`;
}

/** The title of a reported entry without any of its data (what anonymisation leaves). */
export function serviceEventTitle(source: string, kind: string): string {
  if (source === 'web-form') return WEB_FORM_TITLE;
  return source === 'opportunities' || source === 'tickets' ? eventLabel(kind) : kind;
}

function scalarFields(data: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (Object.keys(result).length >= MAX_FIELDS) break;
    if (SKIPPED.has(key) || key === 'contactId') continue;
    if (typeof value === 'string') result[key] = truncate(value);
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) result[key] = value;
    else if (isMoney(value)) result[key] = { amount: value.amount, currency: value.currency };
  }
  return result;
}

function isMoney(value: unknown): value is { amount: string; currency: string } {
  const money = value as { amount?: unknown; currency?: unknown } | null;
  return typeof money === 'object' && money !== null && typeof money.amount === 'string' && typeof money.currency === 'string';
}

function truncate(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}
