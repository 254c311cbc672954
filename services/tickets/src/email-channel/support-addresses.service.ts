import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Problems } from '@crm/common';
import { assertVersion } from '@crm/database';
import { TicketCategoriesService } from '../categories/ticket-categories.service.js';
import { TICKETS_CONFIG, type TicketsSettings } from '../config/tickets-env.js';
import { TtlCache } from '../tenant-settings/ttl-cache.js';
import type { CreateSupportAddressDto } from './dto/create-support-address.dto.js';
import type { UpdateSupportAddressDto } from './dto/update-support-address.dto.js';
import { toSupportAddressView, type SupportAddressRow, type SupportAddressView } from './support-address.view.js';

/** What the SMTP listener needs of an address: whose it is and what tickets it opens. */
export interface ActiveSupportAddress {
  id: string;
  tenantId: string;
  address: string;
  pqrClass: SupportAddressRow['pqr_class'];
  priority: SupportAddressRow['priority'];
  categoryId: string | null;
  teamId: string | null;
}

/**
 * The tenants' support addresses (admin): mail to an active one opens or answers tickets of its
 * tenant; mail to any other address is refused at RCPT (550). An address belongs to one tenant.
 */
@Injectable()
export class SupportAddressesService {
  /**
   * Address → the active address or null, looked up for every RCPT. A change made through this
   * process forgets the cache at once; another process (a separate SMTP ingress) sees it within
   * TICKETS_SETTINGS_CACHE_MS.
   */
  private readonly active: TtlCache<ActiveSupportAddress | null>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly categories: TicketCategoriesService,
    @Inject(TICKETS_CONFIG) config: TicketsSettings,
  ) {
    this.active = new TtlCache(config.settingsCacheMs);
  }

  async list(tenantId: string): Promise<{ items: SupportAddressView[] }> {
    const rows = await this.dataSource.query<SupportAddressRow[]>('SELECT * FROM tickets.ticket_email_address WHERE tenant_id = $1 ORDER BY created_at, id LIMIT 200', [tenantId]);
    return { items: rows.map(toSupportAddressView) };
  }

  async get(tenantId: string, id: string): Promise<SupportAddressView> {
    return toSupportAddressView(await this.find(this.dataSource.manager, tenantId, id));
  }

  async create(tenantId: string, dto: CreateSupportAddressDto): Promise<SupportAddressView> {
    const address = dto.address.trim().toLowerCase();
    return this.forgetting(() =>
      this.dataSource.transaction(async (em) => {
        await this.assertDefaults(em, tenantId, dto.categoryId, dto.teamId);
        const rows = await em.query<SupportAddressRow[]>(
          `INSERT INTO tickets.ticket_email_address (tenant_id, address, pqr_class, priority, category_id, team_id, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (address) DO NOTHING RETURNING *`,
          [tenantId, address, dto.pqrClass ?? 'peticion_general', dto.priority ?? 'media', dto.categoryId ?? null, dto.teamId ?? null, dto.active ?? true],
        );
        if (rows[0]) return toSupportAddressView(rows[0]);
        // Taken: name the existing one only to its own tenant (another company's ids do not leak).
        const [existing] = await em.query<{ id: string; tenant_id: string }[]>('SELECT id, tenant_id FROM tickets.ticket_email_address WHERE address = $1', [address]);
        throw Problems.conflict('Esa dirección ya está registrada como dirección de soporte.', existing?.tenant_id === tenantId ? existing.id : undefined);
      }),
    );
  }

  async update(tenantId: string, id: string, changes: Omit<UpdateSupportAddressDto, 'version'>, version: number): Promise<SupportAddressView> {
    return this.forgetting(() =>
      this.dataSource.transaction(async (em) => {
        const current = await this.find(em, tenantId, id, true);
        assertVersion(current, version);
        await this.assertDefaults(em, tenantId, changes.categoryId ?? undefined, changes.teamId ?? undefined);
        const [row] = await em.query<[SupportAddressRow[], number]>(
          `UPDATE tickets.ticket_email_address
            SET pqr_class = $3, priority = $4, category_id = $5, team_id = $6, active = $7, version = version + 1, updated_at = now()
          WHERE id = $1 AND tenant_id = $2 RETURNING *`,
          [
            id,
            tenantId,
            changes.pqrClass ?? current.pqr_class,
            changes.priority ?? current.priority,
            changes.categoryId === undefined ? current.category_id : changes.categoryId,
            changes.teamId === undefined ? current.team_id : changes.teamId,
            changes.active ?? current.active,
          ],
        );
        return toSupportAddressView(row[0]!);
      }),
    );
  }

  /** Removes the address and its log (tickets it opened stay). */
  async remove(tenantId: string, id: string): Promise<void> {
    const [, affected] = await this.forgetting(() => this.dataSource.query<[unknown[], number]>('DELETE FROM tickets.ticket_email_address WHERE id = $1 AND tenant_id = $2', [id, tenantId]));
    if (!affected) throw Problems.notFound('La dirección de soporte no existe.');
  }

  /** The active address mail was sent to, or null (the listener answers 550). */
  async activeByAddress(address: string): Promise<ActiveSupportAddress | null> {
    const key = address.trim().toLowerCase();
    const found = await this.active.getOrLoad(key, async () => {
      const [row] = await this.dataSource.query<SupportAddressRow[]>('SELECT * FROM tickets.ticket_email_address WHERE address = $1 AND active', [key]);
      return row ? { id: row.id, tenantId: row.tenant_id, address: row.address, pqrClass: row.pqr_class, priority: row.priority, categoryId: row.category_id, teamId: row.team_id } : null;
    });
    return found ?? null;
  }

  /** Runs an admin change, then forgets every cached address (a look-up that raced the change stores nothing). */
  private forgetting<T>(change: () => Promise<T>): Promise<T> {
    return this.active.invalidatingAfter(change);
  }

  private async find(em: EntityManager, tenantId: string, id: string, lock = false): Promise<SupportAddressRow> {
    const [row] = await em.query<SupportAddressRow[]>(`SELECT * FROM tickets.ticket_email_address WHERE id = $1 AND tenant_id = $2${lock ? ' FOR UPDATE' : ''}`, [id, tenantId]);
    if (!row) throw Problems.notFound('La dirección de soporte no existe.');
    return row;
  }

  private async assertDefaults(em: EntityManager, tenantId: string, categoryId: string | undefined, teamId: string | undefined): Promise<void> {
    if (categoryId) await this.categories.assertSelectable(em, tenantId, categoryId);
    if (teamId) {
      const rows: unknown[] = await em.query('SELECT 1 FROM tickets.user_ref WHERE tenant_id = $1 AND team_ids @> ARRAY[$2::uuid] LIMIT 1', [tenantId, teamId]);
      if (rows.length === 0) throw Problems.invalid([{ field: 'teamId', message: 'El equipo no existe o no tiene miembros.' }]);
    }
  }
}
