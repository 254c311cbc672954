import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module.js';
import { MergeModule } from '../merge/merge.module.js';
import { DuplicatesController } from './duplicates.controller.js';
import { DuplicatesService } from './duplicates.service.js';
import { ExactKeyDuplicatesFinder } from './exact-key-duplicates.finder.js';
import { SimilarNameDuplicatesFinder } from './similar-name-duplicates.finder.js';

/** GET /contacts/duplicates, and (through MergeModule) POST /contacts/merge. */
@Module({
  imports: [ContactsModule, MergeModule],
  controllers: [DuplicatesController],
  providers: [DuplicatesService, ExactKeyDuplicatesFinder, SimilarNameDuplicatesFinder],
})
export class DuplicatesModule {}
