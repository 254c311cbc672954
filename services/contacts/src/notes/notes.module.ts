import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContactsModule } from '../contacts/contacts.module.js';
import { CompanyNotesController } from './company-notes.controller.js';
import { ContactNote } from './contact-note.entity.js';
import { InterestCatalogue } from './interest-catalogue.js';
import { NoteQueries } from './note-queries.js';
import { NoteTimeline } from './note-timeline.js';
import { NoteReminderScheduler } from './note-reminder.scheduler.js';
import { NotesController } from './notes.controller.js';
import { NotesService } from './notes.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ContactNote]), ContactsModule],
  controllers: [NotesController, CompanyNotesController],
  providers: [NotesService, NoteQueries, NoteTimeline, InterestCatalogue, NoteReminderScheduler],
  exports: [NoteQueries],
})
export class NotesModule {}
