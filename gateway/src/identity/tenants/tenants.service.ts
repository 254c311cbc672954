import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Problems } from '@crm/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type AuditActor } from '../audit/audit.service.js';
import { PasswordHasher } from '../users/password-hasher.js';
import { toUserView, type UserView } from '../users/user-view.js';
import { UsersService } from '../users/users.service.js';
import type { CreateTenantDto } from './create-tenant.dto.js';
import { Tenant } from './tenant.entity.js';

export interface TenantView {
  id: string;
  name: string;
  slug: string;
  createdAt: string;
}

export function toTenantView(tenant: Tenant): TenantView {
  return { id: tenant.id, name: tenant.name, slug: tenant.slug, createdAt: tenant.createdAt.toISOString() };
}

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class TenantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  /** A new tenant and its first admin, in one transaction (the admin's identity.user.created included). */
  async createWithAdmin(dto: CreateTenantDto): Promise<{ tenant: TenantView; admin: UserView }> {
    const passwordHash = await this.hasher.hash(dto.adminPassword);
    const actor: AuditActor = { kind: 'platform' };
    try {
      return await this.dataSource.transaction(async (em) => {
        const existing = await em.findOne(Tenant, { where: { slug: dto.slug } });
        if (existing) throw Problems.conflict(`Ya existe un tenant con el identificador ${dto.slug}.`, existing.id);
        const tenant = await this.insertTenant(em, dto.tenantName.trim(), dto.slug, actor);
        const admin = await this.users.createInTransaction(em, tenant.id, { email: dto.adminEmail, name: dto.adminName, passwordHash, roles: ['admin'] }, actor);
        return { tenant: toTenantView(tenant), admin: toUserView(admin, []) };
      });
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code !== UNIQUE_VIOLATION) throw error;
      const existing = await this.dataSource.getRepository(Tenant).findOne({ where: { slug: dto.slug } });
      throw Problems.conflict(`Ya existe un tenant con el identificador ${dto.slug}.`, existing?.id);
    }
  }

  async insertTenant(em: EntityManager, name: string, slug: string, actor: AuditActor): Promise<Tenant> {
    const tenant = em.create(Tenant, { name, slug });
    await em.save(tenant);
    await this.audit.record(em, { tenantId: tenant.id, actor, entity: 'tenant', entityId: tenant.id, action: 'created', changes: { name, slug } });
    return tenant;
  }
}
