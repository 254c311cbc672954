import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Problems } from '@crm/common';
import { assertVersion } from '@crm/database';
import { TICKETS_CONFIG, type TicketsSettings } from '../config/tickets-env.js';
import { TtlCache } from '../tenant-settings/ttl-cache.js';
import { returnedRows } from './returned-rows.js';

export interface PqrPortalView {
  /** What the public PQR page sends as `portal`. */
  portalKey: string;
  active: boolean;
  teamId: string | null;
  version: number;
  updatedAt: string;
}

interface PortalRow {
  tenant_id: string;
  portal_key: string;
  active: boolean;
  team_id: string | null;
  version: number;
  updated_at: Date;
}

/** 32 url-safe characters (192 random bits): public on the company's page, not guessable. */
function newPortalKey(): string {
  return randomBytes(24).toString('base64url');
}

function view(row: PortalRow): PqrPortalView {
  return { portalKey: row.portal_key, active: row.active, teamId: row.team_id, version: row.version, updatedAt: new Date(row.updated_at).toISOString() };
}

/**
 * The company's public PQR page: a public request has no token, so the page names its tenant
 * with this key. Created on first read; admins can close it, route it to a team or rotate the key.
 */
@Injectable()
export class PqrPortalService {
  /** Active portal keys → tenant and team; a change made here forgets the tenant's key at once (other replicas: TICKETS_SETTINGS_CACHE_MS). */
  private readonly byKey: TtlCache<{ tenantId: string; teamId: string | null }>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(TICKETS_CONFIG) config: TicketsSettings,
  ) {
    this.byKey = new TtlCache(config.settingsCacheMs);
  }

  async get(tenantId: string): Promise<PqrPortalView> {
    return view(await this.dataSource.transaction((em) => this.ensure(em, tenantId)));
  }

  async update(tenantId: string, changes: { active?: boolean; teamId?: string | null }, version: number): Promise<PqrPortalView> {
    return this.forgettingKeys(async (em) => {
      const current = await this.ensure(em, tenantId, true);
      assertVersion(current, version);
      if (changes.teamId) await this.assertTeamKnown(em, tenantId, changes.teamId);
      const [row] = returnedRows<PortalRow>(
        await em.query(`UPDATE tickets.pqr_portal SET active = $2, team_id = $3, version = version + 1, updated_at = now() WHERE tenant_id = $1 RETURNING *`, [
          tenantId,
          changes.active ?? current.active,
          changes.teamId === undefined ? current.team_id : changes.teamId,
        ]),
      );
      return view(row!);
    });
  }

  /** A new key; the old one stops working at once (a page that leaked it gets 404). */
  async rotate(tenantId: string, version: number): Promise<PqrPortalView> {
    return this.forgettingKeys(async (em) => {
      assertVersion(await this.ensure(em, tenantId, true), version);
      const [row] = returnedRows<PortalRow>(
        await em.query(`UPDATE tickets.pqr_portal SET portal_key = $2, version = version + 1, updated_at = now() WHERE tenant_id = $1 RETURNING *`, [tenantId, newPortalKey()]),
      );
      return view(row!);
    });
  }

  /** The tenant (and team) behind an active portal key; 404 for an unknown or closed one. */
  async activeByKey(em: EntityManager, portalKey: string): Promise<{ tenantId: string; teamId: string | null }> {
    const portal = await this.byKey.getOrLoad(portalKey, async () => {
      const [row] = await em.query<PortalRow[]>(`SELECT tenant_id, team_id FROM tickets.pqr_portal WHERE portal_key = $1 AND active`, [portalKey]);
      return row ? { tenantId: row.tenant_id, teamId: row.team_id } : undefined;
    });
    if (!portal) throw Problems.notFound('El portal de PQR no existe o está cerrado.');
    return portal;
  }

  /** A change of a portal (its own transaction); every cached key is forgotten once it committed or failed (keys are few, changes rare). */
  private forgettingKeys<T>(change: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.byKey.invalidatingAfter(() => this.dataSource.transaction(change));
  }

  private async ensure(em: EntityManager, tenantId: string, lock = false): Promise<PortalRow> {
    await em.query(`INSERT INTO tickets.pqr_portal (tenant_id, portal_key) VALUES ($1, $2) ON CONFLICT (tenant_id) DO NOTHING`, [tenantId, newPortalKey()]);
    const [row] = await em.query<PortalRow[]>(`SELECT * FROM tickets.pqr_portal WHERE tenant_id = $1${lock ? ' FOR UPDATE' : ''}`, [tenantId]);
    return row!;
  }

  /** A team some user of the tenant belongs to (teams live in identity; users carry their ids). */
  private async assertTeamKnown(em: EntityManager, tenantId: string, teamId: string): Promise<void> {
    const rows: unknown[] = await em.query('SELECT 1 FROM tickets.user_ref WHERE tenant_id = $1 AND team_ids @> ARRAY[$2::uuid] LIMIT 1', [tenantId, teamId]);
    if (rows.length === 0) throw Problems.invalid([{ field: 'teamId', message: 'El equipo no existe o no tiene miembros.' }]);
  }
}
