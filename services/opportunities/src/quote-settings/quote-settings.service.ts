import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { hasRole, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { assertVersion } from '@crm/database';
import { isTimeZone, SCHEDULERS_CONFIG, type SchedulersConfig } from '../config/schedulers-config.js';
import { loadQuoteIssuer, type QuoteIssuer } from '../quotes/quote-issuer.js';
import type { UpdateQuoteSettingsDto } from './dto/update-quote-settings.dto.js';

interface SettingsRow {
  company_name: string;
  tax_id: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  footer_terms: string | null;
  time_zone: string;
  version: number;
  updated_by: string;
  updated_at: Date;
}

export interface QuoteSettingsView {
  companyName: string;
  taxId: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  footerTerms: string | null;
  timeZone: string;
  /** `tenant`: stored by an admin; `default`: the service's environment (nothing stored yet). */
  source: 'tenant' | 'default';
  /** 0 while nothing is stored. */
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

/**
 * Per-tenant quote issuer settings (the PDF's header and footer) and the tenant's time zone for
 * quote validity. Nothing stored → the environment's QUOTE_ISSUER_* and QUOTE_TIME_ZONE.
 */
@Injectable()
export class QuoteSettingsService {
  private readonly defaults: QuoteIssuer = loadQuoteIssuer();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SCHEDULERS_CONFIG) private readonly config: SchedulersConfig,
  ) {}

  async get(user: AuthUser): Promise<QuoteSettingsView> {
    assertAdmin(user);
    return this.toView(await this.row(this.dataSource.manager, user.tenantId));
  }

  /** What the PDF and the e-mail use for a tenant. */
  async issuerFor(em: EntityManager, tenantId: string): Promise<QuoteIssuer> {
    const row = await this.row(em, tenantId);
    if (!row) return this.defaults;
    return { name: row.company_name, taxId: row.tax_id, address: row.address, phone: row.phone, email: row.email, footerTerms: row.footer_terms };
  }

  /** The tenant's time zone for quote validity. */
  async timeZoneFor(em: EntityManager, tenantId: string): Promise<string> {
    return (await this.row(em, tenantId))?.time_zone ?? this.config.quoteTimeZone;
  }

  /**
   * Replaces the settings. The first PUT needs no version (or 0); later ones the stored version
   * (body or If-Match): stale → 412, missing → 428.
   */
  async put(user: AuthUser, dto: Omit<UpdateQuoteSettingsDto, 'version'>, version: number | undefined): Promise<QuoteSettingsView> {
    assertAdmin(user);
    const timeZone = dto.timeZone?.trim() || this.config.quoteTimeZone;
    if (!isTimeZone(timeZone) || !(await this.postgresKnows(timeZone))) {
      throw Problems.invalid([{ field: 'timeZone', message: 'timeZone debe ser una zona horaria IANA como America/Bogota.' }]);
    }
    const clean = (value: string | null | undefined) => value?.trim() || null;
    const values = [dto.companyName.trim(), clean(dto.taxId), clean(dto.address), clean(dto.phone), clean(dto.email), clean(dto.footerTerms), timeZone, user.id];
    return this.dataSource.transaction(async (em) => {
      const current = (await em.query('SELECT * FROM opportunities.quote_settings WHERE tenant_id = $1 FOR UPDATE', [user.tenantId])) as SettingsRow[];
      let saved: SettingsRow[];
      if (current[0]) {
        if (version === undefined) throw Problems.versionRequired();
        assertVersion(current[0], version);
        [saved] = (await em.query(
          `UPDATE opportunities.quote_settings SET company_name = $2, tax_id = $3, address = $4, phone = $5, email = $6, footer_terms = $7, time_zone = $8,
                  updated_by = $9, version = version + 1, updated_at = now()
            WHERE tenant_id = $1 RETURNING *`,
          [user.tenantId, ...values],
        )) as [SettingsRow[], number];
      } else {
        if (version !== undefined && version !== 0) throw Problems.staleVersion(0);
        // A concurrent first PUT inserts nothing here: that caller edited settings that no longer exist (412).
        saved = (await em.query(
          `INSERT INTO opportunities.quote_settings (tenant_id, company_name, tax_id, address, phone, email, footer_terms, time_zone, updated_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (tenant_id) DO NOTHING RETURNING *`,
          [user.tenantId, ...values],
        )) as SettingsRow[];
        if (!saved[0]) throw Problems.staleVersion(1);
      }
      return this.toView(saved[0]!);
    });
  }

  private async row(em: EntityManager, tenantId: string): Promise<SettingsRow | null> {
    const rows = (await em.query('SELECT * FROM opportunities.quote_settings WHERE tenant_id = $1', [tenantId])) as SettingsRow[];
    return rows[0] ?? null;
  }

  private async postgresKnows(timeZone: string): Promise<boolean> {
    const rows = (await this.dataSource.query('SELECT 1 FROM pg_timezone_names WHERE name = $1', [timeZone])) as unknown[];
    return rows.length > 0;
  }

  private toView(row: SettingsRow | null): QuoteSettingsView {
    if (!row) {
      const d = this.defaults;
      return {
        companyName: d.name,
        taxId: d.taxId,
        address: d.address,
        phone: d.phone,
        email: d.email,
        footerTerms: d.footerTerms,
        timeZone: this.config.quoteTimeZone,
        source: 'default',
        version: 0,
        updatedBy: null,
        updatedAt: null,
      };
    }
    return {
      companyName: row.company_name,
      taxId: row.tax_id,
      address: row.address,
      phone: row.phone,
      email: row.email,
      footerTerms: row.footer_terms,
      timeZone: row.time_zone,
      source: 'tenant',
      version: row.version,
      updatedBy: row.updated_by,
      updatedAt: row.updated_at.toISOString(),
    };
  }
}

function assertAdmin(user: AuthUser): void {
  if (!hasRole(user, 'admin')) throw Problems.forbidden('Solo un administrador gestiona los datos del emisor de las cotizaciones.');
}
