import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogsModule } from '../catalogs/catalogs.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { ExportsModule } from '../exports/exports.module.js';
import { ImportFileStore } from './import-file-store.js';
import { ImportJob } from './import-job.entity.js';
import { ImportJobRunner } from './import-job-runner.js';
import { ImportJobsService } from './import-jobs.service.js';
import { ImportUploadReceiver } from './import-upload.receiver.js';
import { ImportWorker } from './import-worker.service.js';
import { ImportsController } from './imports.controller.js';

/**
 * Bulk import of contacts from CSV/XLSX: upload → S3 → background job (COPY + set-based merge).
 * Brings the export (GET /contacts/export) along, so the app module lists bulk data once.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ImportJob]), ContactsModule, CatalogsModule, ExportsModule],
  controllers: [ImportsController],
  providers: [ImportFileStore, ImportUploadReceiver, ImportJobsService, ImportJobRunner, ImportWorker],
})
export class ImportsModule {}
