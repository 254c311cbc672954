import { Readable } from 'node:stream';
import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { csvExport, preferredLanguage, xlsxExport, type TruncatedNotice } from '@crm/common';
import { attachmentDisposition } from '@crm/storage';
import { ExportTicketsQueryDto } from './dto/export-tickets.query.dto.js';
import { exportHeaders } from './export-columns.js';
import { TicketsExportService } from './tickets-export.service.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TRUNCATED: TruncatedNotice = {
  es: (cap) => `El listado tiene más de ${cap} PQR: se exportaron las primeras ${cap}. Aplique filtros para exportar el resto.`,
  en: (cap) => `The list has more than ${cap} tickets: the first ${cap} were exported. Apply filters to export the rest.`,
};

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets/export')
export class TicketsExportController {
  constructor(private readonly exports: TicketsExportService) {}

  @Get()
  @Scopes('tickets:read')
  @ApiProduces('text/csv', XLSX_TYPE)
  @ApiHeader({ name: 'Accept-Language', required: false, description: 'Headers and labels in Spanish (default) or English (en)' })
  @ApiOperation({ summary: 'Download the filtered ticket list you can see as CSV or XLSX (same filters as GET /tickets; messages and internal notes are never exported)' })
  async export(
    @CurrentUser() user: AuthUser,
    @Query() query: ExportTicketsQueryDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const language = preferredLanguage(acceptLanguage);
    const rows = await this.exports.open(user, query, language);
    const fileName = `pqr-${new Date().toISOString().slice(0, 10)}.${query.format}`;
    void reply.header('content-disposition', attachmentDisposition(fileName)).header('cache-control', 'no-store').header('x-export-max-rows', String(rows.cap));
    if (query.format === 'xlsx') {
      await reply.type(XLSX_TYPE).send(xlsxExport(exportHeaders(language), rows, language, { sheetName: 'PQR', truncatedNotice: TRUNCATED, neutraliseText: true }));
      return;
    }
    await reply.type('text/csv; charset=utf-8').send(Readable.from(csvExport(exportHeaders(language), rows, query.delimiter, { truncatedNotice: TRUNCATED })));
  }
}
