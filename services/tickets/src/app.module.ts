import { Module } from '@nestjs/common';
import { AuthModule } from '@crm/auth';
import { CommonModule } from '@crm/common';
import { DatabaseModule } from '@crm/database';
import { MessagingModule } from '@crm/messaging';
import { TICKETS_MIGRATIONS } from './migrations/index.js';

/**
 * Skeleton: health, metrics, OpenAPI, its schema and messaging (relay and consumer running; the
 * consumer has no handlers yet, so its queue exists with no bindings). Features come in their own issues.
 */
@Module({
  imports: [
    CommonModule.forService('tickets'),
    AuthModule.forRoot(),
    DatabaseModule.forService({ schema: 'tickets', entities: [], migrations: TICKETS_MIGRATIONS }),
    MessagingModule.forService({ service: 'tickets' }),
  ],
})
export class AppModule {}
