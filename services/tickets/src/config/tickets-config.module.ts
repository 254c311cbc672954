import { Global, Module } from '@nestjs/common';
import { loadTicketsConfig, TICKETS_CONFIG } from './tickets-env.js';

@Global()
@Module({
  providers: [{ provide: TICKETS_CONFIG, useFactory: () => loadTicketsConfig() }],
  exports: [TICKETS_CONFIG],
})
export class TicketsConfigModule {}
