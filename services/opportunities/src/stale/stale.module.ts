import { Module } from '@nestjs/common';
import { loadStaleConfig, STALE_CONFIG } from '../config/stale-config.js';
import { StaleDealsScheduler } from './stale-deals.scheduler.js';

@Module({
  providers: [StaleDealsScheduler, { provide: STALE_CONFIG, useFactory: () => loadStaleConfig() }],
})
export class StaleModule {}
