import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module.js';
import { RecipientsModule } from '../recipients/recipients.module.js';
import { UsersModule } from '../users/users.module.js';
import { NoteReminderDueHandler } from './note-reminder-due.handler.js';
import { NoteReminderNotifier } from './note-reminder-notifier.service.js';
import { OpportunityNoteReminderHandler } from './opportunity-note-reminder.handler.js';
import { OpportunityNoteReminderNotifier } from './opportunity-note-reminder-notifier.service.js';

/** Note reminders (fecha de aviso) from contacts and from opportunities: e-mail and in-app notification. */
@Module({
  imports: [UsersModule, DeliveriesModule, RecipientsModule],
  controllers: [NoteReminderDueHandler, OpportunityNoteReminderHandler],
  providers: [NoteReminderNotifier, OpportunityNoteReminderNotifier],
})
export class RemindersModule {}
