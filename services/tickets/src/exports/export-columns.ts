import type { Language } from '@crm/common';
import { CHANNEL_LABELS, PQR_CLASS_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../tickets/ticket-vocabulary.js';
import type { TicketView } from '../tickets/ticket.view.js';

/** Names the export shows instead of ids (category, assignee), looked up once per page. */
export interface ExportLookups {
  categories: Map<string, string>;
  users: Map<string, string>;
}

type Cell = string | number | null;
interface ExportColumn {
  es: string;
  en: string;
  value: (ticket: TicketView, lookups: ExportLookups, language: Language) => Cell;
}

function label<K extends string>(labels: Record<K, { es: string; en: string }>, value: string, language: Language): string {
  return labels[value as K]?.[language] ?? value;
}

/**
 * Export columns: the ticket's fields and due dates, never its messages (internal notes and
 * replies stay in the service).
 */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { es: 'Radicado', en: 'Filing number', value: (t) => t.radicado },
  { es: 'Clase', en: 'Class', value: (t, _l, lang) => label(PQR_CLASS_LABELS, t.pqrClass, lang) },
  { es: 'Categoría', en: 'Category', value: (t, l) => (t.categoryId ? (l.categories.get(t.categoryId) ?? t.categoryId) : null) },
  { es: 'Prioridad', en: 'Priority', value: (t, _l, lang) => label(PRIORITY_LABELS, t.priority, lang) },
  { es: 'Estado', en: 'Status', value: (t, _l, lang) => label(STATUS_LABELS, t.status, lang) },
  { es: 'Canal', en: 'Channel', value: (t, _l, lang) => label(CHANNEL_LABELS, t.channel, lang) },
  { es: 'Asunto', en: 'Subject', value: (t) => t.subject },
  { es: 'Descripción', en: 'Description', value: (t) => t.description },
  { es: 'Solicitante', en: 'Requester', value: (t) => t.requester.name },
  { es: 'Tipo de documento', en: 'Document type', value: (t) => t.requester.documentType },
  { es: 'Número de documento', en: 'Document number', value: (t) => t.requester.documentNumber },
  { es: 'Correo', en: 'Email', value: (t) => t.requester.email },
  { es: 'Teléfono', en: 'Phone', value: (t) => t.requester.phone },
  { es: 'Responsable', en: 'Assignee', value: (t, l) => (t.assigneeId ? (l.users.get(t.assigneeId) ?? t.assigneeId) : null) },
  { es: 'Etiquetas', en: 'Tags', value: (t) => t.tags.join(', ') || null },
  { es: 'Recibida', en: 'Received at', value: (t) => t.receivedAt },
  { es: 'Vence (plazo legal)', en: 'Legal due date', value: (t) => t.legalDueAt },
  { es: 'Estado del plazo legal', en: 'Legal state', value: (t) => t.legalState },
  { es: 'Estado del SLA', en: 'SLA state', value: (t) => t.slaState },
  { es: 'Primera respuesta', en: 'First response at', value: (t) => t.firstRespondedAt },
  { es: 'Cerrada', en: 'Closed at', value: (t) => t.closedAt },
  { es: 'Respuesta', en: 'Resolution', value: (t) => t.resolution },
  { es: 'Creada', en: 'Created at', value: (t) => t.createdAt },
];

export function exportHeaders(language: Language): string[] {
  return EXPORT_COLUMNS.map((column) => column[language]);
}

export function exportRow(ticket: TicketView, lookups: ExportLookups, language: Language): Cell[] {
  return EXPORT_COLUMNS.map((column) => column.value(ticket, lookups, language));
}
