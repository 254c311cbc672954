import { Module } from '@nestjs/common';
import { AuthModule } from '@crm/auth';
import { CommonModule } from '@crm/common';
import { DatabaseModule } from '@crm/database';
import { MessagingModule } from '@crm/messaging';
import { StorageModule } from '@crm/storage';
import { TICKETS_MIGRATIONS } from './migrations/index.js';
import { TicketsConfigModule } from './config/tickets-config.module.js';
import { TenantSettingsModule } from './tenant-settings/tenant-settings.module.js';
import { TicketCategoriesModule } from './categories/ticket-categories.module.js';
import { RequestersModule } from './requesters/requesters.module.js';
import { TicketsModule } from './tickets/tickets.module.js';
import { AssignmentModule } from './assignment/assignment.module.js';
import { MessagesModule } from './messages/messages.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { PublicModule } from './public/public.module.js';
import { ClocksModule } from './clocks/clocks.module.js';
import { ClockActionsModule } from './clocks/clock-actions.module.js';
import { CannedResponsesModule } from './canned-responses/canned-responses.module.js';
import { MergeModule } from './merge/merge.module.js';
import { EmailChannelModule } from './email-channel/email-channel.module.js';

@Module({
  imports: [
    CommonModule.forService('tickets'),
    TicketsConfigModule,
    TenantSettingsModule,
    AuthModule.forRoot(),
    DatabaseModule.forService({ schema: 'tickets', entities: [], migrations: TICKETS_MIGRATIONS }),
    MessagingModule.forService({ service: 'tickets' }),
    StorageModule.forRoot(),
    RequestersModule,
    TicketCategoriesModule,
    TicketsModule,
    AssignmentModule,
    MessagesModule,
    ExportsModule,
    PublicModule,
    ClocksModule,
    ClockActionsModule,
    CannedResponsesModule,
    MergeModule,
    EmailChannelModule,
  ],
})
export class AppModule {}
