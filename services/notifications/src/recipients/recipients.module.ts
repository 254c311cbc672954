import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module.js';
import { InAppModule } from '../in-app/in-app.module.js';
import { PreferencesModule } from '../preferences/preferences.module.js';
import { RecipientNotifier } from './recipient-notifier.service.js';

@Module({
  imports: [DeliveriesModule, InAppModule, PreferencesModule],
  providers: [RecipientNotifier],
  exports: [RecipientNotifier],
})
export class RecipientsModule {}
