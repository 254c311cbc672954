import { Module } from '@nestjs/common';
import { OpportunityAccessModule } from '../opportunities/opportunity-access.module.js';
import { ErpOrderEventsHandler } from './erp-order-events.handler.js';
import { ErpOrderLinker } from './erp-order-linker.service.js';
import { ErpOrdersController } from './erp-orders.controller.js';

/** The CRM ↔ ERP loop: sales orders created from accepted quotes come back linked. */
@Module({
  imports: [OpportunityAccessModule],
  controllers: [ErpOrdersController, ErpOrderEventsHandler],
  providers: [ErpOrderLinker],
})
export class ErpOrdersModule {}
