import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX } from '@crm/common';
import { etagOf, expectedVersion, idempotencyOf, idempotencyScopeOf } from '@crm/database';
import { TICKET_IDEMPOTENCY } from '../tickets/ticket-idempotency.js';
import type { CannedResponseView } from './canned-response.view.js';
import { CannedResponsesService } from './canned-responses.service.js';
import { CreateCannedResponseDto } from './dto/create-canned-response.dto.js';
import { ListCannedResponsesQueryDto } from './dto/list-canned-responses.query.dto.js';
import { UpdateCannedResponseDto } from './dto/update-canned-response.dto.js';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('canned-responses')
export class CannedResponsesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly canned: CannedResponsesService,
  ) {}

  @Get()
  @Scopes('tickets:read')
  @ApiOperation({ summary: "Canned responses you can use: yours, your teams' and the company's (Spanish defaults seeded on first use)" })
  list(@CurrentUser() user: AuthUser, @Query() query: ListCannedResponsesQueryDto) {
    return this.canned.list(user, query);
  }

  @Get(':id')
  @Scopes('tickets:read')
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<CannedResponseView> {
    const view = await this.canned.get(user, id);
    void reply.header('etag', etagOf(view));
    return view;
  }

  @Post()
  @Scopes('tickets:write')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({ summary: 'Create one: personal (anyone), team (its managers, admins) or tenant (admins)' })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateCannedResponseDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CannedResponseView> {
    const idempotency = idempotencyOf(idempotencyKey, request);
    const base = idempotencyScopeOf(user);
    const scope = { ...base, caller: `canned:${base.caller}` };
    const { view, replayed } = await this.dataSource.transaction(async (em) => {
      const previousId = idempotency ? await TICKET_IDEMPOTENCY.claim(em, scope, idempotency.key, idempotency.fingerprint) : null;
      if (previousId) return { view: await this.canned.get(user, previousId), replayed: true };
      const created = await this.canned.create(user, dto, em);
      if (idempotency) await TICKET_IDEMPOTENCY.remember(em, scope, idempotency.key, idempotency.fingerprint, created.id);
      return { view: created, replayed: false };
    });
    void reply.status(201).header('location', `/${API_PREFIX}/canned-responses/${view.id}`).header('etag', etagOf(view));
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return view;
  }

  @Patch(':id')
  @Scopes('tickets:write')
  @ApiOperation({ summary: 'Edit title or text; send the version (or If-Match); stale → 412' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateCannedResponseDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CannedResponseView> {
    const { version, ...changes } = dto;
    const view = await this.canned.update(user, id, changes, expectedVersion(version, ifMatch));
    void reply.header('etag', etagOf(view));
    return view;
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes('tickets:write')
  @ApiOperation({ summary: 'Delete one (If-Match with its version)' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Headers('if-match') ifMatch: string | undefined, @Query('version') version?: string): Promise<void> {
    await this.canned.remove(user, id, expectedVersion(version !== undefined && /^\d+$/.test(version) ? Number(version) : undefined, ifMatch));
  }
}
