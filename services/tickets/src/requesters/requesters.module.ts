import { Module } from '@nestjs/common';
import { ContactDirectoryHandler } from './contact-directory.handler.js';
import { PqrRequesterLinkedHandler } from './pqr-requester-linked.handler.js';
import { RequestersService } from './requesters.service.js';
import { UserDirectoryHandler } from './user-directory.handler.js';

/** Contacts and users as tickets knows them: projections kept from events. */
@Module({
  controllers: [ContactDirectoryHandler, UserDirectoryHandler, PqrRequesterLinkedHandler],
  providers: [RequestersService],
  exports: [RequestersService],
})
export class RequestersModule {}
