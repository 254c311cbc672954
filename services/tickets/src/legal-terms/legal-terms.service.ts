import { Injectable } from '@nestjs/common';
import { TenantClockSettingsCache } from '../tenant-settings/tenant-clock-settings.cache.js';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { Problems, type Language } from '@crm/common';
import { PQR_CLASSES, type PqrClass } from '@crm/contracts';
import { LAW_TERM_DAYS, LEGAL_BASIS } from './legal-term-defaults.js';

export interface LegalTermView {
  pqrClass: PqrClass;
  label: string;
  termDays: number;
  lawDefaultDays: number;
  legalBasis: string;
  version: number;
  updatedAt: string;
}

const CLASS_LABELS: Record<PqrClass, Record<Language, string>> = {
  peticion_general: { es: 'Petición general', en: 'General petition' },
  peticion_documentos: { es: 'Petición de documentos o información', en: 'Request for documents or information' },
  consulta: { es: 'Consulta', en: 'Consultation' },
  queja: { es: 'Queja', en: 'Complaint' },
  reclamo: { es: 'Reclamo', en: 'Claim' },
  sugerencia: { es: 'Sugerencia', en: 'Suggestion' },
  felicitacion: { es: 'Felicitación', en: 'Compliment' },
  denuncia: { es: 'Denuncia', en: 'Report of wrongdoing' },
};

interface LegalTermRow {
  pqr_class: PqrClass;
  term_days: number;
  version: number;
  updated_at: Date;
}

/**
 * The per-class legal term table. Seeded with the law's defaults the first time a tenant needs
 * it. A ticket keeps the term it started with; an edit applies to tickets received (or
 * re-classified) afterwards.
 */
@Injectable()
export class LegalTermsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settingsCache: TenantClockSettingsCache,
  ) {}

  async ensureSeeded(em: EntityManager, tenantId: string): Promise<void> {
    await em.query(
      `INSERT INTO tickets.legal_term (tenant_id, pqr_class, term_days)
       SELECT $1, d.pqr_class, d.term_days FROM unnest($2::text[], $3::int[]) AS d(pqr_class, term_days)
       ON CONFLICT DO NOTHING`,
      [tenantId, [...PQR_CLASSES], PQR_CLASSES.map((pqrClass) => LAW_TERM_DAYS[pqrClass])],
    );
  }

  /** The term (business days) a new ticket of the class gets. */
  async termFor(em: EntityManager, tenantId: string, pqrClass: PqrClass): Promise<number> {
    const rows: { term_days: number }[] = await em.query('SELECT term_days FROM tickets.legal_term WHERE tenant_id = $1 AND pqr_class = $2', [tenantId, pqrClass]);
    return rows[0]?.term_days ?? LAW_TERM_DAYS[pqrClass];
  }

  async list(user: AuthUser, language: Language): Promise<{ items: LegalTermView[] }> {
    return this.dataSource.transaction(async (em) => {
      await this.ensureSeeded(em, user.tenantId);
      const rows: LegalTermRow[] = await em.query('SELECT pqr_class, term_days, version, updated_at FROM tickets.legal_term WHERE tenant_id = $1', [user.tenantId]);
      const byClass = new Map(rows.map((row) => [row.pqr_class, row]));
      return { items: PQR_CLASSES.map((pqrClass) => toView(byClass.get(pqrClass)!, language)) };
    });
  }

  async get(user: AuthUser, pqrClass: string, language: Language): Promise<LegalTermView> {
    return this.dataSource.transaction(async (em) => {
      await this.ensureSeeded(em, user.tenantId);
      return toView(await this.row(em, user.tenantId, pqrClass, false), language);
    });
  }

  async update(user: AuthUser, pqrClass: string, termDays: number, version: number, language: Language): Promise<LegalTermView> {
    return this.settingsCache.changing(user.tenantId, () =>
      this.dataSource.transaction(async (em) => {
        await this.ensureSeeded(em, user.tenantId);
        const row = await this.row(em, user.tenantId, pqrClass, true);
        if (row.version !== version) throw Problems.staleVersion(row.version);
        // TypeORM answers an UPDATE … RETURNING as [rows, affected].
        const [[updated]]: [LegalTermRow[], number] = await em.query(
          `UPDATE tickets.legal_term SET term_days = $3, version = version + 1, updated_at = now(), updated_by = $4
          WHERE tenant_id = $1 AND pqr_class = $2 RETURNING pqr_class, term_days, version, updated_at`,
          [user.tenantId, pqrClass, termDays, user.kind === 'user' ? user.id : null],
        );
        return toView(updated, language);
      }),
    );
  }

  private async row(em: EntityManager, tenantId: string, pqrClass: string, lock: boolean): Promise<LegalTermRow> {
    if (!(PQR_CLASSES as readonly string[]).includes(pqrClass)) throw Problems.notFound(`La clase de PQR "${pqrClass}" no existe.`);
    const rows: LegalTermRow[] = await em.query(
      `SELECT pqr_class, term_days, version, updated_at FROM tickets.legal_term WHERE tenant_id = $1 AND pqr_class = $2${lock ? ' FOR UPDATE' : ''}`,
      [tenantId, pqrClass],
    );
    return rows[0];
  }
}

function toView(row: LegalTermRow, language: Language): LegalTermView {
  return {
    pqrClass: row.pqr_class,
    label: CLASS_LABELS[row.pqr_class][language],
    termDays: row.term_days,
    lawDefaultDays: LAW_TERM_DAYS[row.pqr_class],
    legalBasis: LEGAL_BASIS[row.pqr_class],
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
