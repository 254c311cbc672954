import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canWrite, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { assertVersion } from '@crm/database';
import { canManageCanned, visibleCanned } from './canned-access.js';
import { CannedResponse } from './canned-response.entity.js';
import { toCannedView, type CannedResponseView } from './canned-response.view.js';
import { DEFAULT_CANNED_RESPONSES } from './default-canned-responses.js';
import type { CreateCannedResponseDto } from './dto/create-canned-response.dto.js';
import type { ListCannedResponsesQueryDto } from './dto/list-canned-responses.query.dto.js';
import type { UpdateCannedResponseDto } from './dto/update-canned-response.dto.js';

const notFound = () => Problems.notFound('La respuesta predefinida no existe o no es visible para usted.');

/** Canned responses: personal, team and tenant-wide (the seeded Spanish defaults), with their visibility rules. */
@Injectable()
export class CannedResponsesService {
  constructor(private readonly dataSource: DataSource) {}

  /** Plants the Spanish defaults once per tenant (a deleted default does not come back). */
  async ensureSeeded(em: EntityManager, tenantId: string): Promise<void> {
    const [seeded] = (await em.query('SELECT 1 FROM tickets.canned_response WHERE tenant_id = $1 AND seed_key IS NOT NULL LIMIT 1', [tenantId])) as unknown[];
    if (seeded) return;
    await em.query(
      `INSERT INTO tickets.canned_response (tenant_id, scope, title, body, seed_key)
       SELECT $1, 'tenant', d.title, d.body, d.seed_key FROM unnest($2::text[], $3::text[], $4::text[]) AS d(seed_key, title, body)
       ON CONFLICT (tenant_id, seed_key) WHERE seed_key IS NOT NULL DO NOTHING`,
      [tenantId, DEFAULT_CANNED_RESPONSES.map((d) => d.seedKey), DEFAULT_CANNED_RESPONSES.map((d) => d.title), DEFAULT_CANNED_RESPONSES.map((d) => d.body)],
    );
  }

  async list(user: AuthUser, query: ListCannedResponsesQueryDto): Promise<{ items: CannedResponseView[] }> {
    return this.dataSource.transaction(async (em) => {
      await this.ensureSeeded(em, user.tenantId);
      const q = visibleCanned(user, em.createQueryBuilder(CannedResponse, 'c'));
      if (query.scope) q.andWhere('c.scope = :scope', { scope: query.scope });
      if (query.teamId) q.andWhere('c.team_id = :teamId', { teamId: query.teamId });
      if (query.q) q.andWhere("(c.title ILIKE :q ESCAPE '\\' OR c.body ILIKE :q ESCAPE '\\')", { q: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
      const rows = await q.orderBy("CASE c.scope WHEN 'personal' THEN 0 WHEN 'team' THEN 1 ELSE 2 END").addOrderBy('c.title').addOrderBy('c.id').take(500).getMany();
      return { items: rows.map((row) => toCannedView(row, canManageCanned(user, row))) };
    });
  }

  async get(user: AuthUser, id: string): Promise<CannedResponseView> {
    const row = await this.findVisible(user, id);
    return toCannedView(row, canManageCanned(user, row));
  }

  /** A visible canned response or 404 (also for the render endpoint). */
  async findVisible(user: AuthUser, id: string, em: EntityManager = this.dataSource.manager, lock = false): Promise<CannedResponse> {
    const q = visibleCanned(user, em.createQueryBuilder(CannedResponse, 'c')).andWhere('c.id = :id', { id });
    if (lock) q.setLock('pessimistic_write');
    const row = await q.getOne();
    if (!row) throw notFound();
    return row;
  }

  async create(user: AuthUser, dto: CreateCannedResponseDto, em: EntityManager): Promise<CannedResponseView> {
    if (!canWrite(user)) throw Problems.forbidden();
    const draft = { scope: dto.scope, ownerId: dto.scope === 'personal' ? user.id : null, teamId: dto.scope === 'team' ? dto.teamId! : null };
    if (dto.scope !== 'team' && dto.teamId) throw Problems.invalid([{ field: 'teamId', message: 'Solo las respuestas de equipo llevan equipo.' }]);
    if (dto.scope === 'personal' && user.kind !== 'user') throw Problems.invalid([{ field: 'scope', message: 'Una clave de API no tiene respuestas personales.' }]);
    if (!canManageCanned(user, draft)) {
      throw Problems.forbidden(
        dto.scope === 'team' ? 'Solo los gerentes del equipo y los administradores crean respuestas de equipo.' : 'Solo los administradores crean respuestas para toda la empresa.',
      );
    }
    const row = em.create(CannedResponse, {
      tenantId: user.tenantId,
      ...draft,
      title: dto.title.trim(),
      body: dto.body,
      seedKey: null,
      createdBy: user.id,
      updatedBy: user.id,
      deletedAt: null,
    });
    await em.save(row);
    return toCannedView(row, true);
  }

  async update(user: AuthUser, id: string, dto: Omit<UpdateCannedResponseDto, 'version'>, version: number): Promise<CannedResponseView> {
    return this.dataSource.transaction(async (em) => {
      const row = await this.manageable(user, id, em);
      assertVersion(row, version);
      if (dto.title !== undefined) row.title = dto.title.trim();
      if (dto.body !== undefined) row.body = dto.body;
      row.updatedBy = user.id;
      await em.save(row);
      return toCannedView(row, true);
    });
  }

  async remove(user: AuthUser, id: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const row = await this.manageable(user, id, em);
      assertVersion(row, version);
      await em.query('UPDATE tickets.canned_response SET deleted_at = now(), updated_by = $2, version = version + 1 WHERE id = $1', [row.id, user.id]);
    });
  }

  /** Visible (else 404) and editable by the caller (else 403). */
  private async manageable(user: AuthUser, id: string, em: EntityManager): Promise<CannedResponse> {
    const row = await this.findVisible(user, id, em, true);
    if (!canManageCanned(user, row)) throw Problems.forbidden('No puede modificar esta respuesta predefinida.');
    return row;
  }
}
