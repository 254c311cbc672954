import type { PqrClass, SlaTarget, TicketPriority } from '@crm/contracts';
import type { TemplateLocale } from './email-template.js';

const PQR_CLASS_LABELS: Record<PqrClass, Record<TemplateLocale, string>> = {
  peticion_general: { es: 'petición', en: 'petition' },
  peticion_documentos: { es: 'petición de documentos o información', en: 'request for documents or information' },
  consulta: { es: 'consulta', en: 'consultation' },
  queja: { es: 'queja', en: 'complaint' },
  reclamo: { es: 'reclamo', en: 'claim' },
  sugerencia: { es: 'sugerencia', en: 'suggestion' },
  felicitacion: { es: 'felicitación', en: 'compliment' },
  denuncia: { es: 'denuncia', en: 'report' },
};

const PRIORITY_LABELS: Record<TicketPriority, Record<TemplateLocale, string>> = {
  alta: { es: 'Alta', en: 'High' },
  media: { es: 'Media', en: 'Medium' },
  baja: { es: 'Baja', en: 'Low' },
};

const SLA_TARGET_LABELS: Record<SlaTarget, Record<TemplateLocale, string>> = {
  first_response: { es: 'primera respuesta', en: 'first response' },
  resolution: { es: 'resolución', en: 'resolution' },
};

/** "reclamo" / "claim"; an unknown class (a newer publisher) is shown as sent. */
export function pqrClassLabel(locale: TemplateLocale, pqrClass: string): string {
  return PQR_CLASS_LABELS[pqrClass as PqrClass]?.[locale] ?? pqrClass;
}

export function priorityLabel(locale: TemplateLocale, priority: string): string {
  return PRIORITY_LABELS[priority as TicketPriority]?.[locale] ?? priority;
}

export function slaTargetLabel(locale: TemplateLocale, target: string): string {
  return SLA_TARGET_LABELS[target as SlaTarget]?.[locale] ?? target;
}

/** Plain spaces instead of Intl's narrow no-break spaces: they read the same in every mail client. */
function plain(value: string): string {
  return value.replace(/[\u202f\u00a0]/g, ' ');
}

/**
 * A legal due date, shown as the day it ends in the tenant's zone:
 * "viernes, 24 de abril de 2026" / "Friday, April 24, 2026".
 */
export function formatDueDay(locale: TemplateLocale, iso: string, timeZone: string): string {
  return plain(formatter(locale, 'day', timeZone).format(new Date(iso)));
}

/** Building an Intl.DateTimeFormat costs far more than using one: one per locale, style and zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: TemplateLocale, style: 'day' | 'moment', timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${style}|${timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions = style === 'day' ? { dateStyle: 'full', timeZone } : { dateStyle: 'long', timeStyle: 'short', timeZone };
    found = new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'es-CO', options);
    if (formatters.size < 1000) formatters.set(key, found);
  }
  return found;
}

/** A moment: "24 de abril de 2026, 3:30 p. m. (America/Bogota)". */
export function formatMoment(locale: TemplateLocale, iso: string, timeZone: string): string {
  return `${plain(formatter(locale, 'moment', timeZone).format(new Date(iso)))} (${timeZone})`;
}

/** A time zone we can format in; an unknown one falls back (never fails a notification over it). */
export function usableTimeZone(timeZone: string | null | undefined, fallback: string): string {
  if (!timeZone) return fallback;
  try {
    formatter('es', 'day', timeZone);
    return timeZone;
  } catch {
    return fallback;
  }
}
