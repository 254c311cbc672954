import { Module } from '@nestjs/common';
import { ActivityReminderScheduler } from './activity-reminder.scheduler.js';
import { NoteReminderScheduler } from './note-reminder.scheduler.js';

/** Activity reminders (opportunities.activity.due) and opportunity note reminders (opportunities.note.reminder_due). */
@Module({
  providers: [ActivityReminderScheduler, NoteReminderScheduler],
})
export class RemindersModule {}
