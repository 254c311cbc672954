import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module.js';
import { RecipientsModule } from '../recipients/recipients.module.js';
import { UsersModule } from '../users/users.module.js';
import { QuoteExpiredHandler } from './quote-expired.handler.js';
import { QuoteExpiredNotifier } from './quote-expired-notifier.service.js';
import { QuoteSentHandler } from './quote-sent.handler.js';

/** Quotes from opportunities: the customer's e-mail with the PDF attached; the seller's notice when one expires. */
@Module({
  imports: [DeliveriesModule, RecipientsModule, UsersModule],
  controllers: [QuoteSentHandler, QuoteExpiredHandler],
  providers: [QuoteExpiredNotifier],
})
export class QuotesModule {}
