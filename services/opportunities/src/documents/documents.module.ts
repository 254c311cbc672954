import { Module } from '@nestjs/common';
import { OpportunityAccessModule } from '../opportunities/opportunity-access.module.js';
import { OpportunityDocumentsController } from './opportunity-documents.controller.js';
import { OpportunityDocumentsService } from './opportunity-documents.service.js';

@Module({
  imports: [OpportunityAccessModule],
  controllers: [OpportunityDocumentsController],
  providers: [OpportunityDocumentsService],
})
export class OpportunityDocumentsModule {}
