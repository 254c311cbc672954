import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module.js';
import { ContactsQueryService } from '../contacts/contacts-query.service.js';
import { ContactsExportService } from './contacts-export.service.js';
import { ExportsController } from './exports.controller.js';

/**
 * GET /contacts/export. ContactsModule does not export its query service, so this module
 * provides its own instance of it (stateless) over the exported ContactAccess.
 */
@Module({
  imports: [ContactsModule],
  controllers: [ExportsController],
  providers: [ContactsQueryService, ContactsExportService],
})
export class ExportsModule {}
