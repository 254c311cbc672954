import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module.js';
import { RecipientsModule } from '../recipients/recipients.module.js';
import { UsersModule } from '../users/users.module.js';
import { ContactAssignedNotifier } from './contact-assigned-notifier.service.js';
import { ContactAssignedHandler } from './contact-assigned.handler.js';

@Module({
  imports: [UsersModule, DeliveriesModule, RecipientsModule],
  controllers: [ContactAssignedHandler],
  providers: [ContactAssignedNotifier],
})
export class AssignmentsModule {}
