import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { DataSource } from 'typeorm';
import { RecordSourceCostDto } from './dto/record-source-cost.dto.js';

/**
 * Admin: what a source of capture cost over a period, for CAC. Recording the same source and
 * period again replaces the amount; a cost recorded here wins over the one the contacts service
 * published for the same period.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/source-costs')
export class SourceCostsController {
  constructor(private readonly db: DataSource) {}

  @Post()
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: "Record a source's cost for a period (admin)" })
  async record(@CurrentUser() user: AuthUser, @Body() dto: RecordSourceCostDto) {
    if (dto.from > dto.to) throw Problems.invalid([{ field: 'to', message: '"to" debe ser igual o posterior a "from".' }]);
    await this.db.query(
      `INSERT INTO rpt_source_cost (tenant_id, source_id, period_from, period_to, amount, currency, origin, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'admin', $7, now())
       ON CONFLICT (tenant_id, source_id, period_from, period_to, origin) DO UPDATE SET amount = EXCLUDED.amount, currency = EXCLUDED.currency, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
      [user.tenantId, dto.sourceId, dto.from, dto.to, dto.amount, dto.currency, user.id],
    );
    return { sourceId: dto.sourceId, from: dto.from, to: dto.to, amount: Number(dto.amount).toFixed(2), currency: dto.currency };
  }

  @Get()
  @Roles('admin', 'manager')
  @ApiOperation({ summary: 'Recorded source costs (admin, manager)' })
  async list(@CurrentUser() user: AuthUser) {
    const rows = await this.db.query<{ source_id: string; period_from: string; period_to: string; amount: string; currency: string; origin: string }[]>(
      `SELECT source_id, period_from, period_to, amount::text, currency, origin FROM rpt_source_cost WHERE tenant_id = $1 ORDER BY period_from DESC, source_id`,
      [user.tenantId],
    );
    return { items: rows.map((r) => ({ sourceId: r.source_id, from: r.period_from, to: r.period_to, amount: Number(r.amount).toFixed(2), currency: r.currency, origin: r.origin })) };
  }
}
