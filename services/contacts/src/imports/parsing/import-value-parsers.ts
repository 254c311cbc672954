import type { ContactKind, ContactLifecycle } from '@crm/contracts';
import type { ContactPriority, InterestLevel } from '../../contacts/contact.entity.js';
import { normaliseHeader } from './import-fields.js';

/** Spreadsheet words for the enumerated fields, Spanish and English, compared like headers. */
const KINDS: Record<string, ContactKind> = {
  persona: 'person',
  'persona natural': 'person',
  natural: 'person',
  person: 'person',
  individual: 'person',
  empresa: 'organization',
  organizacion: 'organization',
  compania: 'organization',
  'persona juridica': 'organization',
  juridica: 'organization',
  organization: 'organization',
  organisation: 'organization',
  company: 'organization',
};

const LIFECYCLES: Record<string, ContactLifecycle> = {
  contacto: 'contact',
  contact: 'contact',
  prospecto: 'prospect',
  prospect: 'prospect',
  lead: 'prospect',
  cliente: 'customer',
  customer: 'customer',
  proveedor: 'supplier',
  supplier: 'supplier',
};

const PRIORITIES: Record<string, ContactPriority> = {
  baja: 'low',
  bajo: 'low',
  low: 'low',
  normal: 'normal',
  media: 'normal',
  medio: 'normal',
  medium: 'normal',
  alta: 'high',
  alto: 'high',
  high: 'high',
  urgente: 'high',
};

const INTEREST_LEVELS: Record<string, InterestLevel> = {
  bajo: 'low',
  baja: 'low',
  low: 'low',
  medio: 'medium',
  media: 'medium',
  medium: 'medium',
  alto: 'high',
  alta: 'high',
  high: 'high',
};

/** Country names people type instead of the ISO code (Latin America, Spain, the US). */
const COUNTRIES: Record<string, string> = {
  colombia: 'CO',
  mexico: 'MX',
  espana: 'ES',
  spain: 'ES',
  peru: 'PE',
  chile: 'CL',
  argentina: 'AR',
  ecuador: 'EC',
  venezuela: 'VE',
  bolivia: 'BO',
  paraguay: 'PY',
  uruguay: 'UY',
  panama: 'PA',
  'costa rica': 'CR',
  guatemala: 'GT',
  honduras: 'HN',
  'el salvador': 'SV',
  nicaragua: 'NI',
  'republica dominicana': 'DO',
  'dominican republic': 'DO',
  cuba: 'CU',
  'puerto rico': 'PR',
  brasil: 'BR',
  brazil: 'BR',
  'estados unidos': 'US',
  'united states': 'US',
  usa: 'US',
  'ee uu': 'US',
  eeuu: 'US',
  canada: 'CA',
  portugal: 'PT',
  francia: 'FR',
  france: 'FR',
  alemania: 'DE',
  germany: 'DE',
  italia: 'IT',
  italy: 'IT',
  'reino unido': 'GB',
  'united kingdom': 'GB',
  china: 'CN',
};

function lookup<T>(table: Record<string, T>, value: string): T | undefined {
  return table[normaliseHeader(value)];
}

export const parseKind = (value: string) => lookup(KINDS, value);
export const parseLifecycle = (value: string) => lookup(LIFECYCLES, value);
export const parsePriority = (value: string) => lookup(PRIORITIES, value);
export const parseInterestLevel = (value: string) => lookup(INTEREST_LEVELS, value);

/** "co", "CO", "Colombia" → "CO"; anything else undefined. */
export function parseCountry(value: string): string | undefined {
  if (/^[A-Za-z]{2}$/.test(value)) return value.toUpperCase();
  return lookup(COUNTRIES, value);
}

/** Tags in one cell: "feria, vip; 2026" → ["feria", "vip", "2026"], without repeats. */
export function parseTags(value: string): string[] {
  const tags: string[] = [];
  for (const part of value.split(/[,;|]/)) {
    const tag = part.trim();
    if (tag && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/** The comparison key of a tax id: "900.123.456-7" and "9001234567" are the same NIT. */
export function taxKeyOf(taxId: string): string {
  return taxId.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}
