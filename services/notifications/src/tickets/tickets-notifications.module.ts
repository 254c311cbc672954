import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module.js';
import { RecipientsModule } from '../recipients/recipients.module.js';
import { UsersModule } from '../users/users.module.js';
import { RequesterNoticesService } from './requester-notices.service.js';
import { StaffAlertsService } from './staff-alerts.service.js';
import { TicketEventsHandler } from './ticket-events.handler.js';
import { TicketMergedHandler } from './ticket-merged.handler.js';
import { TrackingLinksService } from './tracking-links.service.js';

/** Notifications about PQR tickets: the petitioner's e-mails and the staff's alerts. */
@Module({
  imports: [UsersModule, DeliveriesModule, RecipientsModule],
  controllers: [TicketEventsHandler, TicketMergedHandler],
  providers: [RequesterNoticesService, StaffAlertsService, TrackingLinksService],
})
export class TicketsNotificationsModule {}
