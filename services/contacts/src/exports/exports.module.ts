import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module.js';
import { ContactsExportService } from './contacts-export.service.js';
import { ExportsController } from './exports.controller.js';

/** GET /contacts/export: the contact list's filters and visibility (ContactsQueryService), as CSV or XLSX. */
@Module({
  imports: [ContactsModule],
  controllers: [ExportsController],
  providers: [ContactsExportService],
})
export class ExportsModule {}
