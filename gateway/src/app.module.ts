import { Module } from '@nestjs/common';
import { AuthModule } from '@crm/auth';
import { CommonModule } from '@crm/common';
import { DatabaseModule } from '@crm/database';
import { MessagingModule } from '@crm/messaging';
import { GatewayConfigModule } from './config/config.module.js';
import { Customer360Module } from './customer-360/customer-360.module.js';
import { ServiceDocsFetcher } from './docs/service-docs.fetcher.js';
import { DependencyHealth } from './health/dependency-health.js';
import { IDENTITY_ENTITIES } from './identity/identity-entities.js';
import { IdentityModule } from './identity/identity.module.js';
import { IDENTITY_MIGRATIONS } from './migrations/index.js';
import { ProxyMetrics } from './proxy/proxy-metrics.js';
import { RealtimeModule } from './realtime/realtime.module.js';

@Module({
  imports: [
    CommonModule.forService('gateway'),
    GatewayConfigModule,
    AuthModule.forRoot(),
    DatabaseModule.forService({ schema: 'identity', entities: IDENTITY_ENTITIES, migrations: IDENTITY_MIGRATIONS }),
    // Publish-only (identity.user.*): no service queue, so its dead-letter table stays empty and
    // the lib's /admin/dead-letters controller is left out (that path is proxied to the service
    // named in ?service=). The realtime module binds its own per-replica queue on this connection.
    MessagingModule.forService({ service: 'gateway', schema: 'identity', consume: false }),
    IdentityModule,
    Customer360Module,
    RealtimeModule,
  ],
  providers: [ProxyMetrics, ServiceDocsFetcher, DependencyHealth],
})
export class AppModule {}
