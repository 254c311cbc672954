import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module.js';
import { RecipientsModule } from '../recipients/recipients.module.js';
import { UsersModule } from '../users/users.module.js';
import { ActivityDueHandler } from './activity-due.handler.js';
import { ActivityReminderNotifier } from './activity-reminder-notifier.service.js';
import { OpportunityEventsHandler } from './opportunity-events.handler.js';
import { OpportunityNotifier } from './opportunity-notifier.service.js';

@Module({
  imports: [UsersModule, DeliveriesModule, RecipientsModule],
  controllers: [OpportunityEventsHandler, ActivityDueHandler],
  providers: [OpportunityNotifier, ActivityReminderNotifier],
})
export class OpportunitiesNotificationsModule {}
