import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProblemException } from '@crm/common';
import { signAccessToken, type AuthUser } from '@crm/auth';
import { DataSource, In } from 'typeorm';
import { GatewayConfig } from '../../config/gateway-config.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { normalizeEmail } from '../users/users.service.js';
import { PasswordHasher } from '../users/password-hasher.js';
import { TeamMembership } from '../users/team-membership.js';
import { User } from '../users/user.entity.js';
import { toUserView } from '../users/user-view.js';
import type { LoginDto } from './login.dto.js';
import { RefreshTokensService } from './refresh-tokens.service.js';
import type { MeView, SessionView, TenantRef } from './session-view.js';

/** Same words for every failure, so a caller cannot tell a wrong password from an unknown user. */
export const INVALID_CREDENTIALS = 'Correo o contraseña incorrectos.';
const MAX_TENANTS_PER_EMAIL = 10;

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: GatewayConfig,
    private readonly hasher: PasswordHasher,
    private readonly teams: TeamMembership,
    private readonly refreshTokens: RefreshTokensService,
  ) {}

  async login(dto: LoginDto): Promise<SessionView> {
    const email = normalizeEmail(dto.email);
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u').innerJoin(Tenant, 't', 't.id = u.tenant_id').where('lower(u.email) = :email', { email });
    if (dto.tenant) qb.andWhere('t.slug = :slug', { slug: dto.tenant });
    const candidates = await qb.orderBy('u.created_at').limit(MAX_TENANTS_PER_EMAIL).getMany();
    if (candidates.length === 0) {
      await this.hasher.burnTime(dto.password);
      throw unauthorized();
    }
    const matching: User[] = [];
    for (const candidate of candidates) {
      if ((await this.hasher.verify(dto.password, candidate.passwordHash)) && candidate.active) matching.push(candidate);
    }
    if (matching.length === 0) throw unauthorized();
    if (matching.length > 1) {
      // Only said to someone who knows a valid password for this e-mail.
      throw new ProblemException(400, 'Su correo pertenece a varias organizaciones: indique cuál (campo tenant).', {
        errors: [{ field: 'tenant', message: 'Indique el identificador (slug) de la organización.' }],
      });
    }
    return this.session(matching[0]!);
  }

  async refresh(refreshToken: string): Promise<SessionView> {
    const rotation = await this.refreshTokens.rotate(refreshToken, async (em, userId) => (await em.findOne(User, { where: { id: userId } }))?.active === true);
    if (!rotation.ok) throw new ProblemException(401, 'La sesión expiró o no es válida; inicie sesión de nuevo.');
    const user = await this.dataSource.getRepository(User).findOneOrFail({ where: { id: rotation.userId, tenantId: rotation.tenantId } });
    return this.session(user, rotation.token);
  }

  async me(caller: AuthUser): Promise<MeView> {
    const tenant = await this.tenantRef(caller.tenantId);
    if (caller.kind === 'api-key') return { kind: 'api-key', id: caller.id, name: caller.name, scopes: caller.scopes, tenant };
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: caller.id, tenantId: caller.tenantId } });
    if (!user || !user.active) throw new ProblemException(401, 'El usuario ya no está activo.');
    const teamIds = (await this.teams.teamIdsOf(this.dataSource.manager, [user.id])).get(user.id) ?? [];
    return { kind: 'user', ...toUserView(user, teamIds), tenant };
  }

  private async session(user: User, refreshToken?: string): Promise<SessionView> {
    const teamIds = (await this.teams.teamIdsOf(this.dataSource.manager, [user.id])).get(user.id) ?? [];
    const caller: AuthUser = { kind: 'user', id: user.id, tenantId: user.tenantId, roles: user.roles, teamIds, scopes: [], email: user.email, name: user.name };
    const [accessToken, tenant, refresh] = await Promise.all([
      signAccessToken(caller, this.config.jwtSecret, this.config.accessTokenTtlSeconds),
      this.tenantRef(user.tenantId),
      refreshToken ?? this.refreshTokens.issueForLogin(user),
    ]);
    return { accessToken, refreshToken: refresh, tokenType: 'Bearer', expiresIn: this.config.accessTokenTtlSeconds, user: toUserView(user, teamIds), tenant };
  }

  private async tenantRef(tenantId: string): Promise<TenantRef> {
    const [tenant] = await this.dataSource.getRepository(Tenant).find({ where: { id: In([tenantId]) } });
    if (!tenant) throw new ProblemException(401, 'La organización no existe.');
    return { id: tenant.id, slug: tenant.slug, name: tenant.name };
  }
}

function unauthorized(): ProblemException {
  return new ProblemException(401, INVALID_CREDENTIALS);
}
