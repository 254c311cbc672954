import type { Language } from '@crm/common';
import type { StageKind } from './stage.entity.js';

export interface SeedStage {
  key: string;
  es: string;
  en: string;
  probability: number;
  kind: StageKind;
  staleAfterDays: number | null;
}

/** The pipeline every tenant starts with (HolaGest's CRM menu), Spanish first. */
export const DEFAULT_PIPELINE = { key: 'sales', es: 'Ventas', en: 'Sales' };

export const DEFAULT_STAGES: readonly SeedStage[] = [
  { key: 'prospect', es: 'Prospecto', en: 'Prospect', probability: 10, kind: 'open', staleAfterDays: 14 },
  { key: 'qualified', es: 'Calificado', en: 'Qualified', probability: 25, kind: 'open', staleAfterDays: 14 },
  { key: 'proposal', es: 'Propuesta', en: 'Proposal', probability: 50, kind: 'open', staleAfterDays: 10 },
  { key: 'negotiation', es: 'Negociación', en: 'Negotiation', probability: 75, kind: 'open', staleAfterDays: 7 },
  { key: 'won', es: 'Ganado', en: 'Won', probability: 100, kind: 'won', staleAfterDays: null },
  { key: 'lost', es: 'Perdido', en: 'Lost', probability: 0, kind: 'lost', staleAfterDays: null },
];

export const DEFAULT_LOST_REASONS: readonly { key: string; es: string; en: string }[] = [
  { key: 'price', es: 'Precio', en: 'Price' },
  { key: 'competition', es: 'Competencia', en: 'Competition' },
  { key: 'no-budget', es: 'Sin presupuesto', en: 'No budget' },
  { key: 'no-response', es: 'Sin respuesta', en: 'No response' },
  { key: 'product-fit', es: 'Producto no se ajusta', en: 'Product does not fit' },
  { key: 'timing', es: 'Tiempo', en: 'Timing' },
];

const ENGLISH: Record<string, string> = Object.fromEntries([DEFAULT_PIPELINE, ...DEFAULT_STAGES, ...DEFAULT_LOST_REASONS].map((item) => [`${item.key}`, item.en]));

/** A seeded label in the caller's language; a renamed one (no seed key) as typed. */
export function labelOf(record: { name: string; seedKey: string | null }, language: Language): string {
  if (language === 'en' && record.seedKey) return ENGLISH[record.seedKey] ?? record.name;
  return record.name;
}
