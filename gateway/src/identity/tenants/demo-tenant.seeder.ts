import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProblemException } from '@crm/common';
import { DataSource } from 'typeorm';
import { GatewayConfig } from '../../config/gateway-config.js';
import { PasswordHasher } from '../users/password-hasher.js';
import { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { Tenant } from './tenant.entity.js';
import { TenantsService } from './tenants.service.js';

export const DEMO_TENANT_SLUG = 'demo';

/**
 * On every start: the "Demo" tenant and, when CRM_ADMIN_EMAIL/CRM_ADMIN_PASSWORD are set, its
 * admin. Idempotent and safe with several replicas starting at once (advisory lock); an existing
 * admin is left as it is (its password is not reset).
 */
@Injectable()
export class DemoTenantSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoTenantSeeder');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: GatewayConfig,
    private readonly tenants: TenantsService,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    const passwordHash = adminEmail && adminPassword && !(await this.adminExists(adminEmail)) ? await this.hasher.hash(adminPassword) : undefined;
    await this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('crm.identity.seed'))`);
      let tenant = await em.findOne(Tenant, { where: { slug: DEMO_TENANT_SLUG } });
      if (!tenant) {
        tenant = await this.tenants.insertTenant(em, 'Demo', DEMO_TENANT_SLUG, { kind: 'system' });
        this.logger.log('seeded the demo tenant');
      }
      if (!adminEmail || !passwordHash) return;
      try {
        await this.users.createInTransaction(em, tenant.id, { email: adminEmail, name: this.config.adminName, passwordHash, roles: ['admin'] }, { kind: 'system' });
        this.logger.log(`seeded the demo admin ${adminEmail}`);
      } catch (error) {
        if (!(error instanceof ProblemException && error.getStatus() === 409)) throw error;
      }
    });
  }

  private async adminExists(email: string): Promise<boolean> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin(Tenant, 't', 't.id = u.tenant_id AND t.slug = :slug', { slug: DEMO_TENANT_SLUG })
      .where('lower(u.email) = :email', { email })
      .getExists();
  }
}
