import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@crm/auth';
import { ReportQueryDto } from './dto/report-query.dto.js';
import { ReportsService } from './reports.service.js';

/**
 * Every report: tenant from the token; `from`/`to` are days in the tenant's zone; ownerId, teamId
 * and pipelineId narrow it; the caller's visibility always applies (sales: their own records,
 * managers: their teams', admins: all). Definitions and formulas: docs/reporting.md.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('dashboard')
  @ApiOperation({ summary: 'KPIs: total contacts, active opportunities, potential value per currency, conversion rates (opportunities and leads)' })
  dashboard(@CurrentUser() user: AuthUser, @Query() query: ReportQueryDto) {
    return this.reports.run('dashboard', user, query);
  }

  @Get('funnel')
  @ApiOperation({ summary: 'Opportunities created in the period through the stages (reached, open, conversion to the next stage), by owner and by source' })
  funnel(@CurrentUser() user: AuthUser, @Query() query: ReportQueryDto) {
    return this.reports.run('funnel', user, query);
  }

  @Get('stage-distribution')
  @ApiOperation({ summary: 'Open opportunities now by stage: count, share, value and weighted value per currency' })
  stageDistribution(@CurrentUser() user: AuthUser, @Query() query: ReportQueryDto) {
    return this.reports.run('stage-distribution', user, query);
  }

  @Get('trends')
  @ApiOperation({ summary: 'Created, won and lost opportunities (and values) per week or month' })
  trends(@CurrentUser() user: AuthUser, @Query() query: ReportQueryDto) {
    return this.reports.run('trends', user, query);
  }

  @Get('sales-cycle')
  @ApiOperation({ summary: 'Average and median days to close, time in each stage, win rate' })
  salesCycle(@CurrentUser() user: AuthUser, @Query() query: ReportQueryDto) {
    return this.reports.run('sales-cycle', user, query);
  }

  @Get('sellers')
  @ApiOperation({ summary: 'Sellers ranked by won value (currency param), with won/lost counts, win rate and activities done' })
  sellers(@CurrentUser() user: AuthUser, @Query() query: ReportQueryDto) {
    return this.reports.run('sellers', user, query);
  }

  @Get('sources')
  @ApiOperation({ summary: 'Per source: leads, customers acquired, won value, cost and CAC' })
  sources(@CurrentUser() user: AuthUser, @Query() query: ReportQueryDto) {
    return this.reports.run('sources', user, query);
  }

  @Get('customers/value')
  @ApiOperation({ summary: 'CLTV per customer from ERP invoices and payments (formula in the response)' })
  customersValue(@CurrentUser() user: AuthUser, @Query() query: ReportQueryDto) {
    return this.reports.run('customers-value', user, query);
  }

  @Get('forecast')
  @ApiOperation({ summary: 'Open opportunities by expected close month: value and value weighted by probability' })
  forecast(@CurrentUser() user: AuthUser, @Query() query: ReportQueryDto) {
    return this.reports.run('forecast', user, query);
  }

  @Get('tickets')
  @ApiOperation({ summary: 'PQR volume by class, category, channel, priority; response and resolution business minutes; SLA and legal compliance; CSAT' })
  tickets(@CurrentUser() user: AuthUser, @Query() query: ReportQueryDto) {
    return this.reports.run('tickets', user, query);
  }

  @Get('activities')
  @ApiOperation({ summary: 'Activities created and done per seller and type' })
  activities(@CurrentUser() user: AuthUser, @Query() query: ReportQueryDto) {
    return this.reports.run('activities', user, query);
  }
}
