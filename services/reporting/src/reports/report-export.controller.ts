import { Readable } from 'node:stream';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, type AuthUser } from '@crm/auth';
import { csvExport, Problems, xlsxExport, type ExportRows, type TruncatedNotice } from '@crm/common';
import { ExportReportQueryDto } from './dto/export-report.query.dto.js';
import { REPORT_TABLES } from './report-tables.js';
import { ReportsService } from './reports.service.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NEVER_TRUNCATED: TruncatedNotice = { es: () => '', en: () => '' };

/** GET /reports/{name}/export?format=csv|xlsx: the report as a sheet, Spanish headers, numbers as numbers, no formulas. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportExportController {
  constructor(private readonly reports: ReportsService) {}

  @Get('customers/value/export')
  @ApiProduces('text/csv', XLSX_TYPE)
  @ApiOperation({ summary: 'Export /reports/customers/value' })
  customers(@CurrentUser() user: AuthUser, @Query() query: ExportReportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    return this.send('customers-value', user, query, reply);
  }

  @Get(':name/export')
  @ApiProduces('text/csv', XLSX_TYPE)
  @ApiOperation({ summary: 'Export a report (dashboard, funnel, stage-distribution, trends, sales-cycle, sellers, sources, customers-value, forecast, tickets, activities)' })
  export(@CurrentUser() user: AuthUser, @Param('name') name: string, @Query() query: ExportReportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    return this.send(name, user, query, reply);
  }

  private async send(name: string, user: AuthUser, query: ExportReportQueryDto, reply: FastifyReply): Promise<void> {
    const tabulate = REPORT_TABLES[name];
    if (!tabulate) throw Problems.notFound(`El reporte "${name}" no existe.`);
    const table = tabulate(await this.reports.run(name, user, query));
    const rows: ExportRows = { cap: table.rows.length, truncated: false, pages: single(table.rows) };
    const fileName = `reporte-${name}-${new Date().toISOString().slice(0, 10)}.${query.format}`;
    void reply.header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'no-store');
    if (query.format === 'xlsx') {
      await reply.type(XLSX_TYPE).send(xlsxExport(table.headers, rows, 'es', { sheetName: 'Reporte', truncatedNotice: NEVER_TRUNCATED, neutraliseText: true }));
      return;
    }
    await reply.type('text/csv; charset=utf-8').send(Readable.from(csvExport(table.headers, rows, query.delimiter)));
  }
}

async function* single<T>(rows: T[]): AsyncGenerator<T[]> {
  yield rows;
}
