import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { ProblemException } from '@crm/common';
import { SourcesService } from '../catalogs/sources.service.js';

export const PQR_SOURCE_NAME = 'PQR';

/** Tenants whose source is remembered at most (a process serving more forgets and looks again). */
const MAX_REMEMBERED = 10_000;

/**
 * The source "PQR" of contacts created from public PQRs: created through SourcesService the
 * first time a tenant needs it (same validation and `contacts.source.changed` as an admin's
 * creation). An admin may rename or deactivate it: a deactivated source is not given.
 */
@Injectable()
export class PqrSourceService {
  /** The source as last seen per tenant: a hint only, every use re-checks it in its statement. */
  private readonly lastSeen = new Map<string, { id: string; active: boolean }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly sources: SourcesService,
  ) {}

  /** The tenant's source as last seen here (PqrRequesterLinker's one-statement path checks it is still so). */
  known(tenantId: string): { id: string; active: boolean } | undefined {
    return this.lastSeen.get(tenantId);
  }

  remember(tenantId: string, source: { id: string; active: boolean }): void {
    if (this.lastSeen.size >= MAX_REMEMBERED && !this.lastSeen.has(tenantId)) this.lastSeen.clear();
    this.lastSeen.set(tenantId, source);
  }

  async ensure(actor: AuthUser): Promise<string | null> {
    const existing = await this.find(actor.tenantId);
    if (existing) return existing.active ? existing.id : null;
    try {
      const created = await this.sources.create(actor, { name: PQR_SOURCE_NAME, channel: 'web', notes: 'Peticiones, quejas y reclamos radicados en el portal público de PQR.' });
      this.remember(actor.tenantId, { id: created.id, active: true });
      return created.id;
    } catch (error) {
      // Another consumer created it a moment ago.
      if (!(error instanceof ProblemException && error.getStatus() === 409)) throw error;
      const raced = await this.find(actor.tenantId);
      return raced?.active ? raced.id : null;
    }
  }

  private async find(tenantId: string): Promise<{ id: string; active: boolean } | null> {
    const rows: { id: string; active: boolean }[] = await this.dataSource.query('SELECT id, active FROM contacts.source WHERE tenant_id = $1 AND lower(name) = lower($2)', [
      tenantId,
      PQR_SOURCE_NAME,
    ]);
    if (rows[0]) this.remember(tenantId, rows[0]);
    return rows[0] ?? null;
  }
}
