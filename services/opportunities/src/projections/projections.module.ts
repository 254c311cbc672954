import { Module } from '@nestjs/common';
import { ContactEventsHandler } from './contact-events.handler.js';
import { ContactRefWriter } from './contact-ref.writer.js';
import { ContactsProjection } from './contacts-projection.service.js';
import { UserDirectoryHandler } from './user-directory.handler.js';
import { UsersProjection } from './users-projection.service.js';

/** Contacts and users as opportunities knows them, kept from events. */
@Module({
  controllers: [ContactEventsHandler, UserDirectoryHandler],
  providers: [ContactRefWriter, ContactsProjection, UsersProjection],
  exports: [ContactsProjection, UsersProjection],
})
export class ProjectionsModule {}
