import type { Language } from '@crm/common';
import type { ContactView } from '../contacts/contact.view.js';

/** Names the export shows instead of ids (source and owner), looked up once per page. */
export interface ExportLookups {
  sources: Map<string, string>;
  owners: Map<string, string>;
}

type Cell = string | number | null;
interface ExportColumn {
  es: string;
  en: string;
  value: (contact: ContactView, lookups: ExportLookups, language: Language) => Cell;
}

const WORDS = {
  kind: { person: ['persona', 'person'], organization: ['empresa', 'organization'] },
  lifecycle: { contact: ['contacto', 'contact'], prospect: ['prospecto', 'prospect'], customer: ['cliente', 'customer'], supplier: ['proveedor', 'supplier'] },
  priority: { low: ['baja', 'low'], normal: ['normal', 'normal'], high: ['alta', 'high'] },
  interestLevel: { low: ['bajo', 'low'], medium: ['medio', 'medium'], high: ['alto', 'high'] },
} as const;

function word(table: Record<string, readonly [string, string]>, value: string | null, language: Language): string | null {
  if (value === null) return null;
  const entry = table[value];
  return entry ? entry[language === 'es' ? 0 : 1] : value;
}

const others = (channels: { value: string; primary: boolean }[]) =>
  channels
    .filter((channel) => !channel.primary)
    .map((channel) => channel.value)
    .join(', ') || null;

/**
 * Export columns. Headers are the ones the importer recognises, so an exported file can be
 * imported again. Notes are never exported (private or shared): only profile fields.
 */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { es: 'ID', en: 'ID', value: (c) => c.id },
  { es: 'Tipo', en: 'Type', value: (c, _l, lang) => word(WORDS.kind, c.kind, lang) },
  { es: 'Etapa', en: 'Lifecycle', value: (c, _l, lang) => word(WORDS.lifecycle, c.lifecycle, lang) },
  { es: 'Nombre', en: 'First name', value: (c) => c.firstName },
  { es: 'Apellido', en: 'Last name', value: (c) => c.lastName },
  { es: 'Empresa', en: 'Company', value: (c) => c.companyName },
  { es: 'Nombre para mostrar', en: 'Display name', value: (c) => c.displayName },
  { es: 'Correo', en: 'Email', value: (c) => c.email },
  { es: 'Otros correos', en: 'Other emails', value: (c) => others(c.emails) },
  { es: 'Teléfono', en: 'Phone', value: (c) => c.phone },
  { es: 'Otros teléfonos', en: 'Other phones', value: (c) => others(c.phones) },
  { es: 'Cargo', en: 'Position', value: (c) => c.position },
  { es: 'NIT', en: 'Tax ID', value: (c) => c.taxId },
  { es: 'Sitio web', en: 'Website', value: (c) => c.website },
  { es: 'LinkedIn', en: 'LinkedIn', value: (c) => c.linkedinUrl },
  { es: 'Dirección', en: 'Street', value: (c) => c.address.street },
  { es: 'Ciudad', en: 'City', value: (c) => c.address.city },
  { es: 'Departamento', en: 'Region', value: (c) => c.address.region },
  { es: 'Código postal', en: 'Postal code', value: (c) => c.address.postalCode },
  { es: 'País', en: 'Country', value: (c) => c.address.country },
  { es: 'Industria', en: 'Industry', value: (c) => c.industry },
  { es: 'Categoría', en: 'Category', value: (c) => c.category },
  { es: 'Etiquetas', en: 'Tags', value: (c) => c.tags.join(', ') || null },
  { es: 'Prioridad', en: 'Priority', value: (c, _l, lang) => word(WORDS.priority, c.priority, lang) },
  { es: 'Nivel de interés', en: 'Interest level', value: (c, _l, lang) => word(WORDS.interestLevel, c.interestLevel, lang) },
  { es: 'Fuente', en: 'Source', value: (c, l) => (c.sourceId ? (l.sources.get(c.sourceId) ?? c.sourceId) : null) },
  { es: 'Propietario', en: 'Owner', value: (c, l) => (c.ownerId ? (l.owners.get(c.ownerId) ?? c.ownerId) : null) },
  { es: 'Acepta marketing', en: 'Marketing consent', value: (c, _l, lang) => (c.marketingConsent.granted ? (lang === 'es' ? 'sí' : 'yes') : 'no') },
  { es: 'Creado', en: 'Created at', value: (c) => c.createdAt },
  { es: 'Actualizado', en: 'Updated at', value: (c) => c.updatedAt },
];

export function exportHeaders(language: Language): string[] {
  return EXPORT_COLUMNS.map((column) => column[language]);
}

export function exportRow(contact: ContactView, lookups: ExportLookups, language: Language): Cell[] {
  return EXPORT_COLUMNS.map((column) => column.value(contact, lookups, language));
}
