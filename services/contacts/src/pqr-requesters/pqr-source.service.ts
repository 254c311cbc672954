import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { ProblemException } from '@crm/common';
import { SourcesService } from '../catalogs/sources.service.js';

export const PQR_SOURCE_NAME = 'PQR';

/**
 * The source "PQR" of contacts created from public PQRs: created through SourcesService the
 * first time a tenant needs it (same validation and `contacts.source.changed` as an admin's
 * creation). An admin may rename or deactivate it: a deactivated source is not given.
 */
@Injectable()
export class PqrSourceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sources: SourcesService,
  ) {}

  async ensure(actor: AuthUser): Promise<string | null> {
    const existing = await this.find(actor.tenantId);
    if (existing) return existing.active ? existing.id : null;
    try {
      const created = await this.sources.create(actor, { name: PQR_SOURCE_NAME, channel: 'web', notes: 'Peticiones, quejas y reclamos radicados en el portal público de PQR.' });
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
    return rows[0] ?? null;
  }
}
