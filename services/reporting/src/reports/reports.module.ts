import { Module } from '@nestjs/common';
import { FunnelReportService } from './funnel-report.service.js';
import { PerformanceReportsService } from './performance-reports.service.js';
import { ReportExportController } from './report-export.controller.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';
import { SalesReportsService } from './sales-reports.service.js';
import { ServiceReportsService } from './service-reports.service.js';
import { SourceCostsController } from './source-costs.controller.js';

@Module({
  controllers: [SourceCostsController, ReportExportController, ReportsController],
  providers: [SalesReportsService, FunnelReportService, PerformanceReportsService, ServiceReportsService, ReportsService],
})
export class ReportsModule {}
