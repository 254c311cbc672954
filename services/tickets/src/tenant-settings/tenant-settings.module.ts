import { Global, Module } from '@nestjs/common';
import { TenantClockSettingsCache } from './tenant-clock-settings.cache.js';

/** Per-process caches of tenant settings read on every ticket creation (see TICKETS_SETTINGS_CACHE_MS). */
@Global()
@Module({
  providers: [TenantClockSettingsCache],
  exports: [TenantClockSettingsCache],
})
export class TenantSettingsModule {}
