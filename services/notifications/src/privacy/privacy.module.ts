import { Module } from '@nestjs/common';
import { ContactAnonymizedHandler } from './contact-anonymized.handler.js';

/** Personal data: anonymise our copies when contacts anonymises a contact. */
@Module({
  controllers: [ContactAnonymizedHandler],
})
export class PrivacyModule {}
