import { Module } from '@nestjs/common';
import { AuthModule } from '@crm/auth';
import { CommonModule } from '@crm/common';
import { DatabaseModule } from '@crm/database';
import { MessagingModule } from '@crm/messaging';
import { OPPORTUNITIES_MIGRATIONS } from './migrations/index.js';

/**
 * Skeleton: health, metrics, OpenAPI, its schema and messaging (relay and consumer running; the
 * consumer has no handlers yet, so its queue exists with no bindings). Features come in their own issues.
 */
@Module({
  imports: [
    CommonModule.forService('opportunities'),
    AuthModule.forRoot(),
    DatabaseModule.forService({ schema: 'opportunities', entities: [], migrations: OPPORTUNITIES_MIGRATIONS }),
    MessagingModule.forService({ service: 'opportunities' }),
  ],
})
export class AppModule {}
