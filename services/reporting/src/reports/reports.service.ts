import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { REPORTING_CONFIG, type ReportingConfig } from '../config/reporting-env.js';
import type { ReportQueryDto } from './dto/report-query.dto.js';
import { FunnelReportService } from './funnel-report.service.js';
import { PerformanceReportsService } from './performance-reports.service.js';
import { ReportScope } from './report-scope.js';
import { ServiceReportsService } from './service-reports.service.js';
import { SalesReportsService } from './sales-reports.service.js';

export const REPORT_NAMES = ['dashboard', 'funnel', 'stage-distribution', 'trends', 'sales-cycle', 'sellers', 'sources', 'customers-value', 'forecast', 'tickets', 'activities'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/** Runs a report by name for a caller (what the export needs; the GET routes call the same). */
@Injectable()
export class ReportsService {
  constructor(
    private readonly sales: SalesReportsService,
    private readonly funnels: FunnelReportService,
    private readonly performance: PerformanceReportsService,
    private readonly service: ServiceReportsService,
    @Inject(REPORTING_CONFIG) private readonly config: ReportingConfig,
  ) {}

  scope(user: AuthUser, query: ReportQueryDto): ReportScope {
    return new ReportScope(user, query, this.config.REPORTING_TIME_ZONE);
  }

  async run(name: string, user: AuthUser, query: ReportQueryDto): Promise<Record<string, unknown>> {
    return sortMoneyLists(await this.report(name, user, query)) as Record<string, unknown>;
  }

  private report(name: string, user: AuthUser, query: ReportQueryDto): Promise<Record<string, unknown>> {
    const scope = this.scope(user, query);
    switch (name as ReportName) {
      case 'dashboard':
        return this.sales.dashboard(scope);
      case 'funnel':
        return this.funnels.funnel(scope);
      case 'stage-distribution':
        return this.sales.stageDistribution(scope);
      case 'trends':
        return this.sales.trends(scope);
      case 'forecast':
        return this.sales.forecast(scope);
      case 'sales-cycle':
        return this.performance.salesCycle(scope);
      case 'sellers':
        return this.performance.sellers(scope);
      case 'sources':
        return this.performance.sources(scope);
      case 'activities':
        return this.performance.activities(scope);
      case 'tickets':
        return this.service.tickets(scope);
      case 'customers-value':
        return this.service.customersValue(scope);
      default:
        throw Problems.notFound(`El reporte no existe (reportes: ${REPORT_NAMES.join(', ')}).`);
    }
  }
}

/** Every list of money ({ currency, amount }) in currency order, so results are stable. */
function sortMoneyLists(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(sortMoneyLists);
    const isMoney = items.length > 0 && items.every((item) => item && typeof item === 'object' && 'currency' in item && 'amount' in item && Object.keys(item).length === 2);
    return isMoney ? [...(items as { currency: string }[])].sort((a, b) => a.currency.localeCompare(b.currency)) : items;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sortMoneyLists(v)]));
  return value;
}
