import { Module } from '@nestjs/common';
import { OpportunityAccessService } from './opportunity-access.service.js';

/** Shared by every feature that reads or writes something on an opportunity (activities, quotes, notes, documents). */
@Module({
  providers: [OpportunityAccessService],
  exports: [OpportunityAccessService],
})
export class OpportunityAccessModule {}
