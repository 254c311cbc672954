import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module.js';
import { QuoteSentHandler } from './quote-sent.handler.js';

/** Quotes from opportunities: the customer's e-mail with the PDF attached. */
@Module({
  imports: [DeliveriesModule],
  controllers: [QuoteSentHandler],
})
export class QuotesModule {}
