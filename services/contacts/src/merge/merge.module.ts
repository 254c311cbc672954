import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module.js';
import { MergeController } from './merge.controller.js';
import { MergeRelatedRows } from './merge-related-rows.js';
import { MergeService } from './merge.service.js';

/** POST /contacts/merge. */
@Module({
  imports: [ContactsModule],
  controllers: [MergeController],
  providers: [MergeService, MergeRelatedRows],
})
export class MergeModule {}
