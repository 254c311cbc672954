import { Module } from '@nestjs/common';
import { PostgresRateLimiter } from '@crm/database';
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
    { provide: PostgresRateLimiter, inject: [DataSource], useFactory: (dataSource: DataSource) => new PostgresRateLimiter(dataSource, 'identity') },
    DemoTenantSeeder,
  ],
  exports: [ApiKeysService, PostgresRateLimiter],
})
export class IdentityModule {}
