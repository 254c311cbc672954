import { Module } from '@nestjs/common';
import { QuoteSettingsController } from './quote-settings.controller.js';
import { QuoteSettingsService } from './quote-settings.service.js';

/** Per-tenant quote issuer (PDF header/footer) and time zone for quote validity. */
@Module({
  controllers: [QuoteSettingsController],
  providers: [QuoteSettingsService],
  exports: [QuoteSettingsService],
})
export class QuoteSettingsModule {}
