import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { OpportunityAccessService } from '../opportunities/opportunity-access.service.js';

/** The ERP's sales orders of an opportunity (from accepted quotes), newest first. */
@ApiTags('quotes')
@ApiBearerAuth()
@Controller('opportunities/:opportunityId/erp-orders')
export class ErpOrdersController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OpportunityAccessService,
  ) {}

  @Get()
  @Scopes('opportunities:read')
  @ApiOperation({ summary: "Sales orders the ERP created from this opportunity's quotes (sales.order.created)" })
  async list(@CurrentUser() user: AuthUser, @Param('opportunityId') opportunityId: string) {
    const opportunity = await this.access.findVisible(user, opportunityId);
    const rows = (await this.dataSource.query(
      `SELECT o.order_id, o.order_number, o.quote_id, q.number AS quote_number, o.total_amount, o.total_currency, o.ordered_at
       FROM opportunities.erp_sales_order o LEFT JOIN opportunities.quote q ON q.id = o.quote_id
       WHERE o.tenant_id = $1 AND o.opportunity_id = $2 ORDER BY o.ordered_at DESC, o.order_id`,
      [user.tenantId, opportunity.id],
    )) as { order_id: string; order_number: string; quote_id: string | null; quote_number: string | null; total_amount: string | null; total_currency: string | null; ordered_at: Date }[];
    return {
      items: rows.map((row) => ({
        orderId: row.order_id,
        orderNumber: row.order_number,
        quoteId: row.quote_id,
        quoteNumber: row.quote_number,
        total: row.total_amount === null ? null : { amount: row.total_amount, currency: row.total_currency },
        orderedAt: row.ordered_at.toISOString(),
      })),
    };
  }
}
