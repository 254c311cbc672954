import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { OutboxBulkWriter } from '@crm/messaging';
import { ContactsModule } from '../contacts/contacts.module.js';
import { AnonymizationService } from './anonymization.service.js';
import { AnonymizedContactInterceptor } from './anonymized-contact.interceptor.js';
import { ConsentService } from './consent.service.js';
import { ObjectRemovalQueue } from './object-removal.queue.js';
import { PrivacyController } from './privacy.controller.js';

/** Personal data (Ley 1581 de 2012 / GDPR): marketing consent and anonymisation. */
@Module({
  imports: [ContactsModule],
  controllers: [PrivacyController],
  providers: [ConsentService, AnonymizationService, ObjectRemovalQueue, OutboxBulkWriter, { provide: APP_INTERCEPTOR, useClass: AnonymizedContactInterceptor }],
  exports: [ConsentService],
})
export class PrivacyModule {}
