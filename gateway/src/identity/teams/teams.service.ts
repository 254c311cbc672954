import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PageQueryDto, Problems, type Page } from '@crm/common';
import { IDENTITY_TEAM_CREATED, IDENTITY_TEAM_UPDATED } from '@crm/contracts';
import { assertVersion, expectedVersion } from '@crm/database';
import { OutboxService } from '@crm/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { keysetPage } from '../../shared/keyset-page.js';
import { AuditService, type AuditActor } from '../audit/audit.service.js';
import type { CreateTeamDto } from './create-team.dto.js';
import { Team } from './team.entity.js';
import { toTeamSnapshot, toTeamView, type TeamView } from './team-view.js';
import type { UpdateTeamDto } from './update-team.dto.js';

const UNIQUE_VIOLATION = '23505';

/** Teams of a tenant; names are unique per tenant regardless of case. Changes commit with their identity.team.* event (outbox). */
@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  list(tenantId: string, query: PageQueryDto): Promise<Page<TeamView>> {
    const qb = this.dataSource.getRepository(Team).createQueryBuilder('t').where('t.tenant_id = :tenantId', { tenantId });
    return keysetPage(qb, { alias: 't', sortExpr: 'lower(t.name)', sortType: 'text', direction: 'ASC', limit: query.limit, cursor: query.cursor }, (teams) => teams.map(toTeamView));
  }

  async findOne(tenantId: string, id: string): Promise<TeamView> {
    const team = await this.dataSource.getRepository(Team).findOne({ where: { id, tenantId } });
    if (!team) throw Problems.notFound('El equipo no existe.');
    return toTeamView(team);
  }

  async create(actor: AuditActor, tenantId: string, dto: CreateTeamDto): Promise<TeamView> {
    return this.withDuplicateCheck(tenantId, dto.name, () =>
      this.dataSource.transaction(async (em) => {
        await this.assertNameFree(em, tenantId, dto.name.trim());
        const team = em.create(Team, { tenantId, name: dto.name.trim(), description: dto.description ?? null });
        await em.save(team);
        await this.audit.record(em, { tenantId, actor, entity: 'team', entityId: team.id, action: 'created', changes: { name: team.name } });
        await this.outbox.publish(em, { type: IDENTITY_TEAM_CREATED, subject: team.id, tenantId, data: toTeamSnapshot(team) });
        return toTeamView(team);
      }),
    );
  }

  async update(actor: AuditActor, tenantId: string, id: string, dto: UpdateTeamDto, ifMatch: string | undefined): Promise<TeamView> {
    const expected = expectedVersion(dto.version, ifMatch);
    return this.withDuplicateCheck(tenantId, dto.name ?? '', () =>
      this.dataSource.transaction(async (em) => {
        const team = await em.findOne(Team, { where: { id, tenantId }, lock: { mode: 'pessimistic_write' } });
        if (!team) throw Problems.notFound('El equipo no existe.');
        assertVersion(team, expected);
        const changes: Partial<Pick<Team, 'name' | 'description'>> = {};
        if (dto.name !== undefined && dto.name.trim() !== team.name) changes.name = dto.name.trim();
        if (dto.description !== undefined && dto.description !== team.description) changes.description = dto.description;
        if (Object.keys(changes).length === 0) return toTeamView(team);
        if (changes.name && changes.name.toLowerCase() !== team.name.toLowerCase()) await this.assertNameFree(em, tenantId, changes.name);
        await em
          .createQueryBuilder()
          .update(Team)
          .set({ ...changes, updatedAt: () => 'now()' })
          .where('id = :id AND tenant_id = :tenantId', { id, tenantId })
          .execute();
        await this.audit.record(em, { tenantId, actor, entity: 'team', entityId: id, action: 'updated', changes });
        const updated = await em.findOneOrFail(Team, { where: { id, tenantId } });
        await this.outbox.publish(em, { type: IDENTITY_TEAM_UPDATED, subject: id, tenantId, data: toTeamSnapshot(updated) });
        return toTeamView(updated);
      }),
    );
  }

  private async assertNameFree(em: EntityManager, tenantId: string, name: string): Promise<void> {
    const existing = await this.findByName(em, tenantId, name);
    if (existing) throw Problems.conflict(`Ya existe un equipo llamado ${existing.name}.`, existing.id);
  }

  private findByName(em: EntityManager, tenantId: string, name: string): Promise<Team | null> {
    return em.getRepository(Team).createQueryBuilder('t').where('t.tenant_id = :tenantId AND lower(t.name) = lower(:name)', { tenantId, name: name.trim() }).getOne();
  }

  private async withDuplicateCheck<T>(tenantId: string, name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code !== UNIQUE_VIOLATION) throw error;
      const existing = await this.findByName(this.dataSource.manager, tenantId, name);
      throw Problems.conflict(`Ya existe un equipo llamado ${name.trim()}.`, existing?.id);
    }
  }
}
