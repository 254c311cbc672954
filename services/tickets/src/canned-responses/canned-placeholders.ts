/** What a canned response's placeholders are filled with (null = not known for this ticket). */
export interface PlaceholderValues {
  requesterName: string | null;
  radicado: string;
  subject: string;
  /** The legal due date, already formatted (es-CO long date in the calendar's zone). */
  dueDate: string | null;
  agentName: string | null;
}

/** Spanish names first, English aliases after; matched without case and with any inner spaces. */
const PLACEHOLDERS: Record<string, keyof PlaceholderValues> = {
  'solicitante.nombre': 'requesterName',
  'requester.name': 'requesterName',
  radicado: 'radicado',
  'ticket.radicado': 'radicado',
  'ticket.number': 'radicado',
  asunto: 'subject',
  'ticket.subject': 'subject',
  fecha_vencimiento: 'dueDate',
  due_date: 'dueDate',
  'agente.nombre': 'agentName',
  'agent.name': 'agentName',
};

export const PLACEHOLDER_NAMES = Object.keys(PLACEHOLDERS);

export interface FilledText {
  text: string;
  /** Known placeholders with no value for this ticket (left empty), e.g. a suspended term has no due date. */
  emptyPlaceholders: string[];
  /** `{{…}}` that are not placeholders: left as written so the agent sees them. */
  unknownPlaceholders: string[];
}

export function fillPlaceholders(template: string, values: PlaceholderValues): FilledText {
  const empty = new Set<string>();
  const unknown = new Set<string>();
  const text = template.replace(/\{\{\s*([^{}]{1,60}?)\s*\}\}/g, (whole, raw: string) => {
    const name = raw.trim().toLowerCase();
    const key = PLACEHOLDERS[name];
    if (!key) {
      unknown.add(raw.trim());
      return whole;
    }
    const value = values[key];
    if (value === null || value.trim() === '') {
      empty.add(name);
      return '';
    }
    return value;
  });
  return { text, emptyPlaceholders: [...empty], unknownPlaceholders: [...unknown] };
}

/** The legal due date as the requester reads it: "30 de marzo de 2026" in the calendar's zone. */
export function formatDueDate(dueAt: Date | string | null | undefined, timeZone: string, language: 'es' | 'en' = 'es'): string | null {
  if (!dueAt) return null;
  const at = dueAt instanceof Date ? dueAt : new Date(dueAt);
  return new Intl.DateTimeFormat(language === 'en' ? 'en-US' : 'es-CO', { dateStyle: 'long', timeZone }).format(at);
}
