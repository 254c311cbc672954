import { Module } from '@nestjs/common';
import { OpportunityAccessModule } from '../opportunities/opportunity-access.module.js';
import { OpportunityNotesController } from './opportunity-notes.controller.js';
import { OpportunityNotesService } from './opportunity-notes.service.js';

@Module({
  imports: [OpportunityAccessModule],
  controllers: [OpportunityNotesController],
  providers: [OpportunityNotesService],
})
export class OpportunityNotesModule {}
