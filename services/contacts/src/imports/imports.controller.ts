import { Readable } from 'node:stream';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Roles, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX, CSV_BOM, csvLine } from '@crm/common';
import { attachmentDisposition } from '@crm/storage';
import { ListImportJobsQueryDto } from './dto/list-import-jobs.query.dto.js';
import type { ImportJob } from './import-job.entity.js';
import type { ImportJobView } from './import-job.view.js';
import { ImportJobsService } from './import-jobs.service.js';
import { ImportUploadReceiver } from './import-upload.receiver.js';

const REJECTED_PAGE = 5000;

@ApiTags('contact imports')
@ApiBearerAuth()
@Controller('contacts/imports')
@Roles('admin', 'manager')
export class ImportsController {
  constructor(
    private readonly jobs: ImportJobsService,
    private readonly receiver: ImportUploadReceiver,
  ) {}

  @Post()
  @HttpCode(202)
  @Scopes('contacts:write')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'CSV (UTF-8 or Windows-1252, "," or ";") or XLSX (first sheet), header row first' },
        options: { type: 'string', description: 'JSON: { mapping, kind, lifecycle, dedupeOn, onDuplicate, dryRun, sourceId, ownerId, teamId, sharedWithTeam, delimiter }' },
      },
    },
  })
  @ApiOperation({ summary: 'Queue a bulk import (admin/manager): 202 with the job; 413 over IMPORT_MAX_BYTES, 415 not CSV/XLSX' })
  async create(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ImportJobView> {
    const upload = await this.receiver.receive(request, user.tenantId);
    const job = await this.jobs.queue(user, upload);
    void reply.header('location', `/${API_PREFIX}/contacts/imports/${job.id}`);
    return job;
  }

  @Get()
  @Scopes('contacts:write')
  @ApiOperation({ summary: "The tenant's import jobs, newest first (a manager sees the ones they started)" })
  list(@CurrentUser() user: AuthUser, @Query() query: ListImportJobsQueryDto) {
    return this.jobs.list(user, query);
  }

  @Get(':jobId')
  @Scopes('contacts:write')
  @ApiOperation({ summary: 'Status, progress and counts of an import job' })
  get(@CurrentUser() user: AuthUser, @Param('jobId', ParseUUIDPipe) jobId: string): Promise<ImportJobView> {
    return this.jobs.get(user, jobId);
  }

  @Get(':jobId/rejected-rows')
  @Scopes('contacts:write')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The rows the job refused, as CSV: the original cells plus "fila" and "motivo" (the reason, in Spanish)' })
  async rejectedRows(@CurrentUser() user: AuthUser, @Param('jobId', ParseUUIDPipe) jobId: string, @Res() reply: FastifyReply): Promise<void> {
    const job = await this.jobs.findVisible(user, jobId);
    const name = `${job.fileName.replace(/\.(csv|xlsx)$/i, '')}-rechazadas.csv`;
    await reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', attachmentDisposition(name))
      .header('cache-control', 'no-store')
      .send(Readable.from(this.rejectedCsv(job)));
  }

  private async *rejectedCsv(job: ImportJob): AsyncGenerator<string> {
    const headers = job.headers ?? [];
    yield CSV_BOM + csvLine([...headers, 'fila', 'motivo'], ';');
    let after = 0;
    for (;;) {
      const rows = await this.jobs.rejectedPage(job, after, REJECTED_PAGE);
      if (rows.length === 0) return;
      let chunk = '';
      for (const row of rows) {
        const cells = JSON.parse(row.raw) as string[];
        const padded = headers.length > cells.length ? [...cells, ...Array<string>(headers.length - cells.length).fill('')] : cells;
        chunk += csvLine([...padded, row.row_number, row.reason], ';');
      }
      yield chunk;
      after = rows[rows.length - 1]!.row_number;
    }
  }
}
