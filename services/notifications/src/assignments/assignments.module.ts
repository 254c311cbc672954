import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module.js';
import { InAppModule } from '../in-app/in-app.module.js';
import { UsersModule } from '../users/users.module.js';
import { ContactAssignedNotifier } from './contact-assigned-notifier.service.js';
import { ContactAssignedHandler } from './contact-assigned.handler.js';

@Module({
  imports: [UsersModule, DeliveriesModule, InAppModule],
  controllers: [ContactAssignedHandler],
  providers: [ContactAssignedNotifier],
})
export class AssignmentsModule {}
