import { Module } from '@nestjs/common';
import { AuthModule } from '@crm/auth';
import { CommonModule } from '@crm/common';
import { DatabaseModule } from '@crm/database';
import { MessagingModule } from '@crm/messaging';
import { StorageModule } from '@crm/storage';
import { AssignmentsModule } from './assignments/assignments.module.js';
import { NotificationsConfigModule } from './config/notifications-config.module.js';
import { DeliveriesModule } from './deliveries/deliveries.module.js';
import { EmailDelivery } from './deliveries/email-delivery.entity.js';
import { InAppModule } from './in-app/in-app.module.js';
import { Notification } from './in-app/notification.entity.js';
import { NotificationPreference } from './preferences/notification-preference.entity.js';
import { PreferencesModule } from './preferences/preferences.module.js';
import { NOTIFICATIONS_MIGRATIONS } from './migrations/index.js';
import { UserProjection } from './users/user-projection.entity.js';
import { UsersModule } from './users/users.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { TicketsNotificationsModule } from './tickets/tickets-notifications.module.js';
import { QuotesModule } from './quotes/quotes.module.js';
import { OpportunitiesNotificationsModule } from './opportunities/opportunities-notifications.module.js';

@Module({
  imports: [
    CommonModule.forService('notifications'),
    AuthModule.forRoot(),
    DatabaseModule.forService({ schema: 'notifications', entities: [UserProjection, EmailDelivery, Notification, NotificationPreference], migrations: NOTIFICATIONS_MIGRATIONS }),
    MessagingModule.forService({ service: 'notifications' }),
    NotificationsConfigModule,
    UsersModule,
    DeliveriesModule,
    InAppModule,
    PreferencesModule,
    AssignmentsModule,
    RemindersModule,
    PrivacyModule,
    TicketsNotificationsModule,
    StorageModule.forRoot(),
    QuotesModule,
    OpportunitiesNotificationsModule,
  ],
})
export class AppModule {}
