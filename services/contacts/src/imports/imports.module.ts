import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxBulkWriter } from '@crm/messaging';
import { CatalogsModule } from '../catalogs/catalogs.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { ImportFileStore } from './jobs/import-file-store.js';
import { ImportJob } from './jobs/import-job.entity.js';
import { ImportJobRunner } from './jobs/import-job-runner.js';
import { ImportJobsService } from './api/import-jobs.service.js';
import { ImportUploadReceiver } from './api/import-upload.receiver.js';
import { ImportWorker } from './jobs/import-worker.service.js';
import { ImportsController } from './api/imports.controller.js';

/**
 * Bulk import of contacts from CSV/XLSX: upload → S3 → background job (COPY + set-based merge).
 * `api/` takes uploads and shows jobs, `parsing/` reads and validates rows, `merge/` stages and
 * merges a batch, `jobs/` claims and runs queued jobs.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ImportJob]), ContactsModule, CatalogsModule],
  controllers: [ImportsController],
  providers: [OutboxBulkWriter, ImportFileStore, ImportUploadReceiver, ImportJobsService, ImportJobRunner, ImportWorker],
})
export class ImportsModule {}
