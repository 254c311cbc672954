import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { decodeKeysetCursor, Problems, toPage, type Page } from '@crm/common';
import { CONTACTS_SOURCE_CHANGED, type SourceChangedData } from '@crm/contracts';
import { assertVersion } from '@crm/database';
import { OutboxService } from '@crm/messaging';
import { toSourceView, type SourceView } from './catalog.views.js';
import { SYSTEM_ACTOR_ID } from './catalog-actor.js';
import { DEFAULT_SOURCES } from './default-sources.js';
import type { CreateSourceDto } from './dto/create-source.dto.js';
import type { ListCatalogQueryDto } from './dto/list-catalog.query.dto.js';
import type { UpdateSourceDto } from './dto/update-source.dto.js';
import { applyPatch } from './field-changes.js';
import { Source } from './source.entity.js';

type SourcePatch = Partial<Pick<Source, 'name' | 'notes' | 'channel' | 'costAmount' | 'costCurrency' | 'periodFrom' | 'periodTo' | 'active'>>;
const SOURCE_FIELDS = ['name', 'notes', 'channel', 'costAmount', 'costCurrency', 'periodFrom', 'periodTo', 'active'] as const;

/** "1500" → "1500.00", "9.5" → "9.50": the stored numeric(18,2) as text, without a float in between. */
function twoDecimals(amount: string): string {
  const [whole, fraction = ''] = amount.split('.');
  return `${whole.replace(/^0+(?=\d)/, '')}.${fraction.padEnd(2, '0')}`;
}

/** Sources of capture (fuentes de captación): admins manage them; every user lists and picks them. */
@Injectable()
export class SourcesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async list(user: AuthUser, query: ListCatalogQueryDto): Promise<Page<SourceView>> {
    await this.ensureDefaults(user.tenantId);
    const builder = this.dataSource.manager.createQueryBuilder(Source, 's').where('s.tenant_id = :tenantId', { tenantId: user.tenantId });
    if (query.active) builder.andWhere('s.active = :active', { active: query.active === 'true' });
    const cursor = decodeKeysetCursor(query.cursor, ['text', 'uuid']);
    if (cursor) builder.andWhere('(s.name, s.id) > (CAST(:name AS text), CAST(:id AS uuid))', { name: cursor[0], id: cursor[1] });
    const rows = await builder
      .orderBy('s.name', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
    return toPage(rows, query.limit, (row) => [row.name, row.id], toSourceView);
  }

  async get(user: AuthUser, id: string): Promise<SourceView> {
    return toSourceView(await this.find(this.dataSource.manager, user.tenantId, id));
  }

  async create(user: AuthUser, dto: CreateSourceDto): Promise<SourceView> {
    const patch = this.toPatch(dto);
    return this.dataSource.transaction(async (em) => {
      await this.assertUniqueName(em, user.tenantId, dto.name);
      const source = em.create(Source, {
        tenantId: user.tenantId,
        name: dto.name.trim(),
        notes: patch.notes ?? null,
        channel: dto.channel,
        costAmount: patch.costAmount ?? null,
        costCurrency: patch.costCurrency ?? null,
        periodFrom: patch.periodFrom ?? null,
        periodTo: patch.periodTo ?? null,
        active: dto.active ?? true,
        isDefault: false,
        createdBy: user.id,
        updatedBy: user.id,
      });
      await em.save(source);
      const saved = await this.find(em, user.tenantId, source.id);
      await this.publish(em, saved, 'created', [], user.id);
      return toSourceView(saved);
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateSourceDto, version: number): Promise<SourceView> {
    if (dto.name === null || dto.channel === null || dto.active === null) {
      const field = dto.name === null ? 'name' : dto.channel === null ? 'channel' : 'active';
      throw Problems.invalid([{ field, message: `El campo "${field}" no puede quedar vacío.` }]);
    }
    const patch = this.toPatch(dto);
    return this.dataSource.transaction(async (em) => {
      const source = await this.find(em, user.tenantId, id, true);
      assertVersion(source, version);
      if (patch.name !== undefined && patch.name.toLowerCase() !== source.name.toLowerCase()) await this.assertUniqueName(em, user.tenantId, patch.name, source.id);
      const changes = applyPatch(source, patch, SOURCE_FIELDS);
      if (changes.length === 0) return toSourceView(source);
      source.updatedBy = user.id;
      await em.save(source);
      const saved = await this.find(em, user.tenantId, source.id);
      await this.publish(em, saved, 'updated', changes, user.id);
      return toSourceView(saved);
    });
  }

  /**
   * The Spanish defaults, once per tenant, the first time anyone lists the sources. A marker
   * row (not "the tenant has none") decides, so defaults an admin deactivated never come back
   * and a tenant that created its own first still gets them once. Concurrent first lists wait
   * on the marker's primary key; names already taken are skipped.
   */
  async ensureDefaults(tenantId: string): Promise<void> {
    const done: unknown[] = await this.dataSource.query("SELECT 1 FROM contacts.catalog_seed WHERE tenant_id = $1 AND catalog = 'sources'", [tenantId]);
    if (done.length > 0) return;
    await this.dataSource.transaction(async (em) => {
      const marked: unknown[] = await em.query("INSERT INTO contacts.catalog_seed (tenant_id, catalog) VALUES ($1, 'sources') ON CONFLICT DO NOTHING RETURNING tenant_id", [tenantId]);
      if (marked.length === 0) return;
      for (const entry of DEFAULT_SOURCES) {
        const inserted: { id: string }[] = await em.query(
          `INSERT INTO contacts.source (tenant_id, name, notes, channel, active, is_default, created_by, updated_by)
           VALUES ($1, $2, $3, $4, true, true, $5, $5) ON CONFLICT (tenant_id, lower(name)) DO NOTHING RETURNING id`,
          [tenantId, entry.name, entry.notes, entry.channel, SYSTEM_ACTOR_ID],
        );
        if (inserted.length > 0) await this.publish(em, await this.find(em, tenantId, inserted[0].id), 'created', [], SYSTEM_ACTOR_ID);
      }
    });
  }

  private toPatch(dto: Partial<CreateSourceDto>): SourcePatch {
    const patch: SourcePatch = {};
    if (dto.name !== undefined && dto.name !== null) patch.name = dto.name.trim();
    if (dto.notes !== undefined) patch.notes = dto.notes?.trim() || null;
    if (dto.channel !== undefined) patch.channel = dto.channel;
    if (dto.active !== undefined) patch.active = dto.active;
    if (dto.cost !== undefined) {
      patch.costAmount = dto.cost ? twoDecimals(dto.cost.amount) : null;
      patch.costCurrency = dto.cost?.currency ?? null;
    }
    if (dto.period !== undefined) {
      if (dto.period && dto.period.from > dto.period.to) {
        throw Problems.invalid([{ field: 'period.to', message: 'El fin del periodo no puede ser anterior a su inicio.' }]);
      }
      patch.periodFrom = dto.period?.from ?? null;
      patch.periodTo = dto.period?.to ?? null;
    }
    return patch;
  }

  private async find(em: EntityManager, tenantId: string, id: string, lock = false): Promise<Source> {
    const query = em.createQueryBuilder(Source, 's').where('s.id = :id AND s.tenant_id = :tenantId', { id, tenantId });
    if (lock) query.setLock('pessimistic_write');
    const source = await query.getOne();
    if (!source) throw Problems.notFound('La fuente no existe.');
    return source;
  }

  private async assertUniqueName(em: EntityManager, tenantId: string, name: string, exceptId?: string): Promise<void> {
    const rows: { id: string }[] = await em.query('SELECT id FROM contacts.source WHERE tenant_id = $1 AND lower(name) = lower($2)', [tenantId, name.trim()]);
    const existing = rows.find((row) => row.id !== exceptId);
    if (existing) throw Problems.conflict('Ya existe una fuente con ese nombre.', existing.id);
  }

  private async publish(em: EntityManager, source: Source, change: 'created' | 'updated', changes: SourceChangedData['changes'], actorId: string): Promise<void> {
    const view = toSourceView(source);
    const data: SourceChangedData = {
      sourceId: source.id,
      change,
      name: view.name,
      notes: view.notes,
      channel: view.channel,
      cost: view.cost,
      period: view.period,
      active: view.active,
      changes,
      changedBy: actorId,
      changedAt: view.updatedAt,
      version: view.version,
    };
    await this.outbox.publish(em, { type: CONTACTS_SOURCE_CHANGED, subject: source.id, tenantId: source.tenantId, data });
  }
}
