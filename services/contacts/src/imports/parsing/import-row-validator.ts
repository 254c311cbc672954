import { isEmail, isURL } from 'class-validator';
import type { ContactKind, ContactLifecycle } from '@crm/contracts';
import { stripCsvNeutraliser } from '@crm/common';
import type { ContactPriority, InterestLevel } from '../../contacts/contact.entity.js';
import { PHONE_PATTERN } from '../../contacts/dto/contact-channel.dto.js';
import type { DedupeKey } from '../api/dto/import-options.dto.js';
import type { ColumnPlan, ImportField } from './import-fields.js';
import { parseCountry, parseInterestLevel, parseKind, parseLifecycle, parsePriority, parseTags, taxKeyOf } from './import-value-parsers.js';

/** Same rule as the API (CreateContactDto.taxId), after dropping spaces. */
const TAX_ID_PATTERN = /^[A-Za-z0-9.-]{3,30}$/;
const URL_OPTIONS = { protocols: ['https', 'http'], require_protocol: true };

/** One file row after mapping and validation, ready for the staging table. */
export interface ValidatedRow {
  /** Given in the row ("tipo" / "etapa" columns); null means "use the job's default" (and, on update, keep the contact's). */
  kind: ContactKind | null;
  lifecycle: ContactLifecycle | null;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  displayName: string;
  email: string | null;
  phone: string | null;
  position: string | null;
  taxId: string | null;
  street: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  website: string | null;
  linkedinUrl: string | null;
  industry: string | null;
  category: string | null;
  tags: string[] | null;
  priority: ContactPriority | null;
  interestLevel: InterestLevel | null;
  /** lower(email) or the normalised tax id, whichever the job dedupes on. */
  dedupeKey: string | null;
}

export type RowOutcome = { row: ValidatedRow; reason: null } | { row: null; reason: string };

const MAX_LENGTHS: Partial<Record<ImportField, number>> = {
  firstName: 120,
  lastName: 120,
  companyName: 200,
  position: 120,
  street: 200,
  city: 120,
  region: 120,
  postalCode: 20,
  industry: 80,
  category: 80,
};
const LABELS: Partial<Record<ImportField, string>> = {
  firstName: 'nombre',
  lastName: 'apellido',
  companyName: 'empresa',
  position: 'cargo',
  street: 'dirección',
  city: 'ciudad',
  region: 'departamento',
  postalCode: 'código postal',
  industry: 'industria',
  category: 'categoría',
};

/**
 * Applies the API's rules to one row (e-mail format, phone, tax id, country code, required names,
 * lengths) and normalises it. Every problem of the row goes into one Spanish reason ("motivo").
 */
export class ImportRowValidator {
  constructor(
    private readonly plan: ColumnPlan,
    private readonly defaults: { kind: ContactKind; dedupeOn: DedupeKey },
  ) {}

  validate(values: readonly string[]): RowOutcome {
    const problems: string[] = [];
    const get = (field: ImportField): string | null => {
      for (const index of this.plan.get(field) ?? []) {
        // A file we exported carries an apostrophe before formula-like text ("'+57 300…"): drop it.
        const value = values[index] === undefined ? undefined : stripCsvNeutraliser(values[index].trim());
        if (value) return value;
      }
      return null;
    };
    const text = (field: ImportField): string | null => {
      const value = get(field);
      const max = MAX_LENGTHS[field];
      if (value !== null && max !== undefined && value.length > max) problems.push(`El campo ${LABELS[field]} supera ${max} caracteres`);
      return value;
    };
    const enumerated = <T>(field: ImportField, parse: (value: string) => T | undefined, message: string): T | null => {
      const value = get(field);
      if (value === null) return null;
      const parsed = parse(value);
      if (parsed === undefined) problems.push(`${message} «${value}»`);
      return parsed ?? null;
    };

    const kind = enumerated('kind', parseKind, 'Tipo inválido (use persona o empresa):');
    const lifecycle = enumerated('lifecycle', parseLifecycle, 'Etapa inválida (use contacto, prospecto, cliente o proveedor):');
    const priority = enumerated('priority', parsePriority, 'Prioridad inválida (use baja, normal o alta):');
    const interestLevel = enumerated('interestLevel', parseInterestLevel, 'Nivel de interés inválido (use bajo, medio o alto):');
    const firstName = text('firstName');
    const lastName = text('lastName');
    const companyName = text('companyName');
    const effectiveKind = kind ?? this.defaults.kind;
    if (effectiveKind === 'person' && !firstName) problems.push('Falta el nombre (obligatorio para personas)');
    if (effectiveKind === 'organization' && !companyName) problems.push('Falta el nombre de la empresa (obligatorio para empresas)');

    const email = this.email(get('email'), problems);
    const phone = get('phone');
    if (phone !== null && !PHONE_PATTERN.test(phone)) problems.push(`Teléfono inválido «${phone}»`);
    const taxId = get('taxId')?.replace(/\s+/g, '') || null;
    if (taxId !== null && !TAX_ID_PATTERN.test(taxId)) problems.push(`NIT / identificación tributaria inválida «${taxId}» (3 a 30 letras, dígitos, puntos o guiones)`);
    const countryValue = get('country');
    const country = countryValue === null ? null : (parseCountry(countryValue) ?? null);
    if (countryValue !== null && country === null) problems.push(`País inválido «${countryValue}»: use el código ISO de dos letras (p. ej. CO)`);
    const website = this.url(get('website'), 'Sitio web inválido', problems);
    const linkedinUrl = this.url(get('linkedinUrl'), 'LinkedIn inválido', problems);
    const tags = this.tags(get('tags'), problems);
    const street = text('street');
    const city = text('city');
    const region = text('region');
    const postalCode = text('postalCode');
    const position = text('position');
    const industry = text('industry');
    const category = text('category');

    if (problems.length > 0) return { row: null, reason: problems.join('; ') };
    const displayName = effectiveKind === 'organization' ? (companyName ?? '') : [firstName, lastName].filter(Boolean).join(' ');
    const dedupeKey = this.defaults.dedupeOn === 'email' ? email : taxId === null ? null : taxKeyOf(taxId);
    return {
      reason: null,
      row: {
        kind,
        lifecycle,
        firstName,
        lastName,
        companyName,
        displayName,
        email,
        phone,
        position,
        taxId,
        street,
        city,
        region,
        postalCode,
        country,
        website,
        linkedinUrl,
        industry,
        category,
        tags,
        priority,
        interestLevel,
        dedupeKey,
      },
    };
  }

  private email(value: string | null, problems: string[]): string | null {
    if (value === null) return null;
    if (value.length > 254 || !isEmail(value)) {
      problems.push(`Correo electrónico inválido «${value}»`);
      return null;
    }
    return value.toLowerCase();
  }

  /** "empresa.co" becomes "https://empresa.co"; the API itself wants the protocol. */
  private url(value: string | null, message: string, problems: string[]): string | null {
    if (value === null) return null;
    const withProtocol = /^https?:\/\//i.test(value) ? value : `https://${value}`;
    if (withProtocol.length > 300 || !isURL(withProtocol, URL_OPTIONS)) {
      problems.push(`${message} «${value}»`);
      return null;
    }
    return withProtocol;
  }

  private tags(value: string | null, problems: string[]): string[] | null {
    if (value === null) return null;
    const tags = parseTags(value);
    if (tags.length > 30) problems.push('Más de 30 etiquetas');
    const long = tags.find((tag) => tag.length > 50);
    if (long) problems.push(`Etiqueta de más de 50 caracteres «${long.slice(0, 20)}…»`);
    return tags.length > 0 ? tags : null;
  }
}
