import { Readable } from 'node:stream';
import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { csvExport, preferredLanguage, xlsxExport, type TruncatedNotice } from '@crm/common';
import { attachmentDisposition } from '@crm/storage';
import { ContactsExportService } from './contacts-export.service.js';
import { ExportContactsQueryDto } from './dto/export-contacts.query.dto.js';
import { exportHeaders } from './export-columns.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TRUNCATED: TruncatedNotice = {
  es: (cap) => `El listado tiene más de ${cap} contactos: se exportaron los primeros ${cap}. Aplique filtros para exportar el resto.`,
  en: (cap) => `The list has more than ${cap} contacts: the first ${cap} were exported. Apply filters to export the rest.`,
};

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('contacts/export')
export class ExportsController {
  constructor(private readonly exports: ContactsExportService) {}

  @Get()
  @Scopes('contacts:read')
  @ApiProduces('text/csv', XLSX_TYPE)
  @ApiHeader({ name: 'Accept-Language', required: false, description: 'Column headers and values in Spanish (default) or English (en)' })
  @ApiOperation({
    summary:
      'Download the filtered contact list you can see as CSV or XLSX (streamed; same filters, search and sort as GET /contacts; at most EXPORT_MAX_ROWS rows; notes are never exported)',
  })
  async export(
    @CurrentUser() user: AuthUser,
    @Query() query: ExportContactsQueryDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const language = preferredLanguage(acceptLanguage);
    const rows = await this.exports.open(user, query, language);
    const headers = exportHeaders(language);
    const fileName = `${language === 'es' ? 'contactos' : 'contacts'}-${new Date().toISOString().slice(0, 10)}.${query.format}`;
    void reply.header('content-disposition', attachmentDisposition(fileName)).header('cache-control', 'no-store').header('x-export-max-rows', String(rows.cap));
    if (query.format === 'xlsx') {
      await reply.type(XLSX_TYPE).send(xlsxExport(headers, rows, language, { sheetName: language === 'es' ? 'Contactos' : 'Contacts', truncatedNotice: TRUNCATED, neutraliseText: true }));
      return;
    }
    await reply.type('text/csv; charset=utf-8').send(Readable.from(csvExport(headers, rows, query.delimiter)));
  }
}
