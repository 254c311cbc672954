import { Module } from '@nestjs/common';
import { PostgresRateLimiter, type SqlRunner } from '@crm/database';
import { DataSource } from 'typeorm';
import { ApiKeysController } from './api-keys/api-keys.controller.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import { AuditService } from './audit/audit.service.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthService } from './auth/auth.service.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { RefreshTokensService } from './auth/refresh-tokens.service.js';
import { TeamsController } from './teams/teams.controller.js';
import { TeamsService } from './teams/teams.service.js';
import { DemoTenantSeeder } from './tenants/demo-tenant.seeder.js';
import { PlatformTenantsController } from './tenants/platform-tenants.controller.js';
import { TenantsService } from './tenants/tenants.service.js';
import { PasswordHasher } from './users/password-hasher.js';
import { TeamMembership } from './users/team-membership.js';
import { UsersController } from './users/users.controller.js';
import { UsersService } from './users/users.service.js';

/** Tenants, users, teams, API keys and sessions: the `identity` schema. */
@Module({
  controllers: [AuthController, UsersController, TeamsController, ApiKeysController, PlatformTenantsController],
  providers: [
    AuditService,
    PasswordHasher,
    TeamMembership,
    RefreshTokensService,
    UsersService,
    TeamsService,
    TenantsService,
    ApiKeysService,
    AuthService,
    LoginThrottle,
    // Straight on the data source's pg pool (same connections and settings): one statement per
    // public request or login does not need TypeORM's query runner around it.
    {
      provide: PostgresRateLimiter,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new PostgresRateLimiter((dataSource.driver as unknown as { master?: SqlRunner }).master ?? dataSource, 'identity'),
    },
    DemoTenantSeeder,
  ],
  exports: [ApiKeysService, PostgresRateLimiter],
})
export class IdentityModule {}
