import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogsModule } from '../catalogs/catalogs.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { CompanyNotesController } from './company-notes.controller.js';
import { ContactNote } from './contact-note.entity.js';
import { NoteQueries } from './note-queries.js';
import { NoteTimeline } from './note-timeline.js';
import { NoteReminderScheduler } from './note-reminder.scheduler.js';
import { NotesController } from './notes.controller.js';
import { NotesService } from './notes.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ContactNote]), ContactsModule, CatalogsModule],
  controllers: [NotesController, CompanyNotesController],
  providers: [NotesService, NoteQueries, NoteTimeline, NoteReminderScheduler],
  exports: [NoteQueries],
})
export class NotesModule {}
