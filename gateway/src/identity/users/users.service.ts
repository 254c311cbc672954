import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Problems, type Page } from '@crm/common';
import { IDENTITY_USER_CREATED, IDENTITY_USER_UPDATED, type Locale, type Role } from '@crm/contracts';
import { assertVersion, expectedVersion } from '@crm/database';
import { OutboxService } from '@crm/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { keysetPage } from '../../shared/keyset-page.js';
import { AuditService, type AuditActor } from '../audit/audit.service.js';
import { RefreshTokensService } from '../auth/refresh-tokens.service.js';
import type { CreateUserDto } from './create-user.dto.js';
import type { ListUsersQueryDto } from './list-users-query.dto.js';
import { PasswordHasher } from './password-hasher.js';
import { TeamMembership } from './team-membership.js';
import type { UpdateUserDto } from './update-user.dto.js';
import { User } from './user.entity.js';
import { toUserSnapshot, toUserView, type UserView } from './user-view.js';

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  roles: Role[];
  teamIds?: string[];
  locale?: Locale;
}

const UNIQUE_VIOLATION = '23505';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Users of a tenant. Every change commits with its identity.user.* event (outbox) and audit entry. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly teams: TeamMembership,
    private readonly hasher: PasswordHasher,
    private readonly refreshTokens: RefreshTokensService,
  ) {}

  async list(tenantId: string, query: ListUsersQueryDto): Promise<Page<UserView>> {
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u').where('u.tenant_id = :tenantId', { tenantId });
    if (query.q) {
      const q = query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
      qb.andWhere('(lower(u.email) LIKE :qPrefix OR lower(u.name) LIKE :qAny)', { qPrefix: `${q}%`, qAny: `%${q}%` });
    }
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    if (query.active !== undefined) qb.andWhere('u.active = :active', { active: query.active });
    if (query.teamId) qb.andWhere('EXISTS (SELECT 1 FROM identity.user_teams ut WHERE ut.user_id = u.id AND ut.team_id = :teamId)', { teamId: query.teamId });
    const byName = query.sort === 'name' || query.sort === '-name';
    return keysetPage(
      qb,
      {
        alias: 'u',
        sortExpr: byName ? 'lower(u.name)' : 'u.created_at',
        sortType: byName ? 'text' : 'timestamptz',
        direction: query.sort.startsWith('-') ? 'DESC' : 'ASC',
        limit: query.limit,
        cursor: query.cursor,
      },
      async (users) => {
        const teamIds = await this.teams.teamIdsOf(
          this.dataSource.manager,
          users.map((user) => user.id),
        );
        return users.map((user) => toUserView(user, teamIds.get(user.id) ?? []));
      },
    );
  }

  /** 404 for a missing id and for another tenant's user alike. */
  async findOne(tenantId: string, id: string): Promise<UserView> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id, tenantId } });
    if (!user) throw Problems.notFound('El usuario no existe.');
    const teamIds = await this.teams.teamIdsOf(this.dataSource.manager, [id]);
    return toUserView(user, teamIds.get(id) ?? []);
  }

  async create(actor: AuditActor, tenantId: string, dto: CreateUserDto): Promise<UserView> {
    const passwordHash = await this.hasher.hash(dto.password);
    try {
      return await this.dataSource.transaction(async (em) => {
        const user = await this.createInTransaction(em, tenantId, { ...dto, passwordHash }, actor);
        return toUserView(user, [...(dto.teamIds ?? [])].sort());
      });
    } catch (error) {
      // Two requests raced past the duplicate check: the unique index decides.
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) throw await this.duplicateEmail(this.dataSource.manager, tenantId, dto.email);
      throw error;
    }
  }

  /** Inside a caller's transaction (also used by the demo seed and tenant creation). */
  async createInTransaction(em: EntityManager, tenantId: string, input: NewUser, actor: AuditActor): Promise<User> {
    const email = normalizeEmail(input.email);
    const existing = await em.getRepository(User).createQueryBuilder('u').select('u.id').where('u.tenant_id = :tenantId AND lower(u.email) = :email', { tenantId, email }).getOne();
    if (existing) throw Problems.conflict(`Ya existe un usuario con el correo ${email}.`, existing.id);
    const teamIds = [...(input.teamIds ?? [])].sort();
    await this.teams.assertTeamsExist(em, tenantId, teamIds);
    const user = em.create(User, { tenantId, email, name: input.name.trim(), passwordHash: input.passwordHash, roles: input.roles, locale: input.locale ?? 'es', active: true });
    await em.save(user);
    await this.teams.replace(em, tenantId, user.id, teamIds);
    await this.outbox.publish(em, { type: IDENTITY_USER_CREATED, subject: user.id, tenantId, data: toUserSnapshot(user, teamIds) });
    await this.audit.record(em, {
      tenantId,
      actor,
      entity: 'user',
      entityId: user.id,
      action: 'created',
      changes: { email, name: user.name, roles: user.roles, teamIds, locale: user.locale },
    });
    return user;
  }

  async update(actor: AuditActor, tenantId: string, id: string, dto: UpdateUserDto, ifMatch: string | undefined): Promise<UserView> {
    const expected = expectedVersion(dto.version, ifMatch);
    const passwordHash = dto.password ? await this.hasher.hash(dto.password) : undefined;
    return this.dataSource.transaction(async (em) => {
      const user = await em.findOne(User, { where: { id, tenantId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw Problems.notFound('El usuario no existe.');
      assertVersion(user, expected);
      const currentTeams = (await this.teams.teamIdsOf(em, [id])).get(id) ?? [];
      const changes: Partial<Pick<User, 'name' | 'roles' | 'locale' | 'active' | 'passwordHash'>> = {};
      const audit: Record<string, unknown> = {};
      if (dto.name !== undefined && dto.name.trim() !== user.name) changes.name = audit.name = dto.name.trim();
      if (dto.roles && !sameSet(dto.roles, user.roles)) changes.roles = audit.roles = dto.roles;
      if (dto.locale && dto.locale !== user.locale) changes.locale = audit.locale = dto.locale;
      if (dto.active !== undefined && dto.active !== user.active) changes.active = audit.active = dto.active;
      if (passwordHash) {
        changes.passwordHash = passwordHash;
        audit.password = 'changed';
      }
      const teamsChanged = dto.teamIds !== undefined && !sameSet(dto.teamIds, currentTeams);
      if (teamsChanged) audit.teamIds = dto.teamIds;
      if (Object.keys(audit).length === 0) return toUserView(user, currentTeams);

      const stillAdmin = (changes.roles ?? user.roles).includes('admin') && (changes.active ?? user.active);
      if (user.roles.includes('admin') && user.active && !stillAdmin) await this.assertAnotherAdmin(em, tenantId, id);
      if (teamsChanged) {
        await this.teams.assertTeamsExist(em, tenantId, dto.teamIds!);
        await this.teams.replace(em, tenantId, id, dto.teamIds!);
      }
      // The version moves on every change, teams included (TypeORM adds version + 1 and updated_at).
      await em
        .createQueryBuilder()
        .update(User)
        .set({ ...changes, updatedAt: () => 'now()' })
        .where('id = :id AND tenant_id = :tenantId', { id, tenantId })
        .execute();
      if (changes.passwordHash || changes.active === false) await this.refreshTokens.revokeAllOfUser(em, id);
      const updated = await em.findOneOrFail(User, { where: { id, tenantId } });
      const teamIds = teamsChanged ? [...dto.teamIds!].sort() : currentTeams;
      await this.outbox.publish(em, { type: IDENTITY_USER_UPDATED, subject: id, tenantId, data: toUserSnapshot(updated, teamIds) });
      await this.audit.record(em, { tenantId, actor, entity: 'user', entityId: id, action: 'updated', changes: audit });
      return toUserView(updated, teamIds);
    });
  }

  /** A tenant keeps at least one active admin, or nobody could manage it any more. */
  private async assertAnotherAdmin(em: EntityManager, tenantId: string, exceptId: string): Promise<void> {
    const others = await em.query(`SELECT 1 FROM identity.users WHERE tenant_id = $1 AND id <> $2 AND active AND 'admin' = ANY(roles) LIMIT 1 FOR UPDATE`, [tenantId, exceptId]);
    if (others.length === 0) throw Problems.conflict('El tenant debe conservar al menos un administrador activo.');
  }

  private async duplicateEmail(em: EntityManager, tenantId: string, email: string) {
    const existing = await em
      .getRepository(User)
      .createQueryBuilder('u')
      .select('u.id')
      .where('u.tenant_id = :tenantId AND lower(u.email) = :email', { tenantId, email: normalizeEmail(email) })
      .getOne();
    return Problems.conflict(`Ya existe un usuario con el correo ${normalizeEmail(email)}.`, existing?.id);
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}
