import { Global, Module } from '@nestjs/common';
import { loadSchedulersConfig, SCHEDULERS_CONFIG } from './schedulers-config.js';

/** The reminder, expiry and quote time-zone settings, read once at start and shared. */
@Global()
@Module({
  providers: [{ provide: SCHEDULERS_CONFIG, useFactory: () => loadSchedulersConfig() }],
  exports: [SCHEDULERS_CONFIG],
})
export class SchedulersConfigModule {}
