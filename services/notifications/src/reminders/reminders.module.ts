import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module.js';
import { RecipientsModule } from '../recipients/recipients.module.js';
import { UsersModule } from '../users/users.module.js';
import { NoteReminderDueHandler } from './note-reminder-due.handler.js';
import { NoteReminderNotifier } from './note-reminder-notifier.service.js';

/** Note reminders (fecha de aviso) from contacts: e-mail and in-app notification. */
@Module({
  imports: [UsersModule, DeliveriesModule, RecipientsModule],
  controllers: [NoteReminderDueHandler],
  providers: [NoteReminderNotifier],
})
export class RemindersModule {}
