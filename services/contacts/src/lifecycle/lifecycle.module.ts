import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module.js';
import { ContactConversionService } from './contact-conversion.service.js';
import { LifecycleController } from './lifecycle.controller.js';
import { OpportunityWonHandler } from './opportunity-won.handler.js';

/** Conversions (by hand, and when an opportunity is won). */
@Module({
  imports: [ContactsModule],
  controllers: [LifecycleController, OpportunityWonHandler],
  providers: [ContactConversionService],
})
export class LifecycleModule {}
