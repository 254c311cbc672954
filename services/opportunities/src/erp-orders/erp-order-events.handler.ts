import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ERP_SALES_ORDER_CREATED, type CloudEvent } from '@crm/contracts';
import { InboxService } from '@crm/messaging';
import { ErpOrderLinker } from './erp-order-linker.service.js';
import { parseSalesOrder } from './erp-order-payload.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `sales.order.created` from the ERP (exchange `erp.events`): once per message id (inbox), the
 * order is linked to its quote and opportunity. An invalid payload is logged and acknowledged:
 * retrying would never make it fit.
 */
@Controller()
export class ErpOrderEventsHandler {
  private readonly logger = new Logger(ErpOrderEventsHandler.name);

  constructor(
    private readonly inbox: InboxService,
    private readonly linker: ErpOrderLinker,
  ) {}

  @EventPattern<string>(ERP_SALES_ORDER_CREATED)
  async onOrderCreated(@Payload() event: CloudEvent): Promise<void> {
    if (typeof event.id !== 'string' || !event.id || typeof event.tenantid !== 'string' || !UUID.test(event.tenantid)) {
      this.logger.warn('sales.order.created without id or tenantid: ignored');
      return;
    }
    const parsed = parseSalesOrder(event.data);
    if ('invalid' in parsed) {
      this.logger.warn(`sales.order.created ${event.id}: ${parsed.invalid}; ignored`);
      return;
    }
    const tenantId = event.tenantid;
    await this.inbox.handleOnce(event, 'opportunities.erp-sales-order', (em) => this.linker.link(em, tenantId, parsed.order));
  }
}
