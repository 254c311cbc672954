import { Module } from '@nestjs/common';
import { LegalTermsController } from './legal-terms.controller.js';
import { LegalTermsService } from './legal-terms.service.js';

@Module({
  controllers: [LegalTermsController],
  providers: [LegalTermsService],
  exports: [LegalTermsService],
})
export class LegalTermsModule {}
