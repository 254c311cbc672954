import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX } from '@crm/common';
import { etagOf, expectedVersion, idempotencyOf, idempotencyScopeOf } from '@crm/database';
import { ChangeStatusDto } from './dto/change-status.dto.js';
import { ListTicketsQueryDto } from './dto/list-tickets.query.dto.js';
import { UpdateTicketDto } from './dto/update-ticket.dto.js';
import { TicketChangesService } from './ticket-changes.service.js';
import { TicketHistoryService } from './ticket-history.service.js';
import { TicketsQueryService } from './tickets-query.service.js';
import { CreateTicketDto } from './dto/create-ticket.dto.js';
import { TicketAccessService } from './ticket-access.service.js';
import { TICKET_IDEMPOTENCY } from './ticket-idempotency.js';
import { TicketViews } from './ticket-views.service.js';
import type { TicketView } from './ticket.view.js';
import { TicketsService } from './tickets.service.js';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketsService,
    private readonly access: TicketAccessService,
    private readonly views: TicketViews,
    private readonly query: TicketsQueryService,
    private readonly changes: TicketChangesService,
    private readonly history: TicketHistoryService,
  ) {}

  @Post()
  @Scopes('tickets:write')
  @ApiOperation({ summary: 'Register a PQR (radicado assigned); receivedAt for paper or phone PQRs received earlier' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Yours only: the same request again returns the first ticket; the same key with another body is a 422.' })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateTicketDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketView> {
    const idempotency = idempotencyOf(idempotencyKey, request);
    const scope = idempotencyScopeOf(user);
    const { view, replayed } = await this.dataSource.transaction(async (em) => {
      const previousId = idempotency ? await TICKET_IDEMPOTENCY.claim(em, scope, idempotency.key, idempotency.fingerprint) : null;
      // A replay answers the first ticket only while the caller may still see it.
      if (previousId) return { view: await this.views.one(await this.access.findVisible(user, previousId, em), em), replayed: true };
      const ticket = await this.tickets.create(em, user, dto);
      if (idempotency) await TICKET_IDEMPOTENCY.remember(em, scope, idempotency.key, idempotency.fingerprint, ticket.id);
      return { view: await this.views.one(ticket, em), replayed: false };
    });
    void reply.status(201).header('location', `/${API_PREFIX}/tickets/${view.id}`).header('etag', etagOf(view));
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return view;
  }

  @Get()
  @Scopes('tickets:read')
  @ApiOperation({ summary: 'Tickets you can see: keyset pages, filters (status, class, category, priority, assignee, team, requester, channel, due dates, SLA) and search' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListTicketsQueryDto) {
    return this.query.list(user, query);
  }

  @Get(':id')
  @Scopes('tickets:read')
  @ApiOperation({ summary: 'A ticket you can see, with its legal and SLA due dates' })
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<TicketView> {
    const view = await this.views.one(await this.access.findReadable(user, id));
    void reply.header('etag', etagOf(view));
    return view;
  }

  @Patch(':id')
  @Scopes('tickets:write')
  @ApiOperation({ summary: "Edit class, category, priority, subject, description, tags or the requester's data; send the version (stale → 412)" })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateTicketDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketView> {
    const { version, ...changes } = dto;
    const view = await this.changes.update(user, id, changes, expectedVersion(version, ifMatch));
    void reply.header('etag', etagOf(view));
    return view;
  }

  @Post(':id/status')
  @HttpCode(200)
  @Scopes('tickets:write')
  @ApiOperation({ summary: 'Change the status; closing needs a resolution; from cerrado reopens' })
  async changeStatus(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ChangeStatusDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketView> {
    const { version, ...change } = dto;
    const view = await this.changes.changeStatus(user, id, change, expectedVersion(version, ifMatch));
    void reply.header('etag', etagOf(view));
    return view;
  }

  @Get(':id/history')
  @Scopes('tickets:read')
  @ApiOperation({ summary: 'What happened to the ticket, in order: creation, assignments, status changes, edits' })
  async historyOf(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    const ticket = await this.access.findReadable(user, id);
    return { items: await this.history.list(this.dataSource.manager, user.tenantId, ticket.id) };
  }
}
