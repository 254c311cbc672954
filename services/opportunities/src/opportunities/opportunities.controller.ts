import { Readable } from 'node:stream';
import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX, preferredLanguage } from '@crm/common';
import { etagOf, expectedVersion, idempotencyOf } from '@crm/database';
import { CreateOpportunityDto } from './dto/create-opportunity.dto.js';
import { LoseOpportunityDto, MoveStageDto, ReopenOpportunityDto, VersionedDto } from './dto/funnel.dto.js';
import { ListOpportunitiesQueryDto } from './dto/list-opportunities.query.dto.js';
import { UpdateOpportunityDto } from './dto/update-opportunity.dto.js';
import { OpportunitiesQueryService } from './opportunities-query.service.js';
import { OpportunitiesService } from './opportunities.service.js';
import { OpportunityFunnelService } from './opportunity-funnel.service.js';
import { OpportunityBoardService } from './opportunity-board.service.js';
import { BoardQueryDto } from './dto/board.query.dto.js';
import { ForecastQueryDto } from './dto/forecast.query.dto.js';
import { OpportunityForecastService } from './opportunity-forecast.service.js';
import { ExportOpportunitiesQueryDto } from './dto/export-opportunities.query.dto.js';
import { csvExport, xlsxExport } from './opportunities-export.js';
import { attachmentDisposition } from '@crm/storage';
import type { OpportunityView } from './opportunity.view.js';

@ApiTags('opportunities')
@ApiBearerAuth()
@Controller('opportunities')
export class OpportunitiesController {
  constructor(
    private readonly opportunities: OpportunitiesService,
    private readonly funnel: OpportunityFunnelService,
    private readonly queries: OpportunitiesQueryService,
    private readonly boards: OpportunityBoardService,
    private readonly forecasts: OpportunityForecastService,
  ) {}

  @Post()
  @Scopes('opportunities:write')
  @ApiOperation({ summary: 'Create an opportunity for a contact you can see' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Yours only: the same request again returns the first result; the same key with another body is a 422.' })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateOpportunityDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('accept-language') lang: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OpportunityView> {
    const { opportunity, replayed } = await this.opportunities.create(user, dto, preferredLanguage(lang), idempotencyOf(idempotencyKey, request));
    void reply.status(201).header('location', `/${API_PREFIX}/opportunities/${opportunity.id}`).header('etag', etagOf(opportunity));
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return opportunity;
  }

  @Get()
  @Scopes('opportunities:read')
  @ApiOperation({ summary: 'Opportunities you can see (keyset pages; filters; q searches title and contact name)' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListOpportunitiesQueryDto, @Headers('accept-language') lang: string | undefined) {
    return this.queries.list(user, query, preferredLanguage(lang));
  }

  @Get('board')
  @Scopes('opportunities:read')
  @ApiOperation({ summary: 'Kanban of a pipeline: per stage in order, count, value and weighted value per currency, first cards and a cursor per column' })
  board(@CurrentUser() user: AuthUser, @Query() query: BoardQueryDto, @Headers('accept-language') lang: string | undefined) {
    return this.boards.board(user, query, preferredLanguage(lang));
  }

  @Get('forecast')
  @Scopes('opportunities:read')
  @ApiOperation({ summary: 'Open value and weighted value of open deals closing from..to, grouped by month, owner, pipeline or stage, per currency' })
  forecast(@CurrentUser() user: AuthUser, @Query() query: ForecastQueryDto, @Headers('accept-language') lang: string | undefined) {
    return this.forecasts.forecast(user, query, preferredLanguage(lang));
  }

  @Get('export')
  @Scopes('opportunities:read')
  @ApiOperation({ summary: 'Download the filtered list you can see as CSV (format=csv, delimiter) or XLSX (format=xlsx); same filters as GET /opportunities' })
  async export(@CurrentUser() user: AuthUser, @Query() query: ExportOpportunitiesQueryDto, @Headers('accept-language') lang: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const language = preferredLanguage(lang);
    const { format, delimiter, ...filters } = query;
    const pages = this.queries.pages(user, filters, language);
    const fileName = `${language === 'es' ? 'oportunidades' : 'opportunities'}-${new Date().toISOString().slice(0, 10)}.${format}`;
    void reply.header('content-disposition', attachmentDisposition(fileName)).header('cache-control', 'no-store');
    if (format === 'xlsx') {
      await reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(xlsxExport(pages, language));
      return;
    }
    await reply.type('text/csv; charset=utf-8').send(Readable.from(csvExport(pages, language, delimiter)));
  }

  @Get(':id')
  @Scopes('opportunities:read')
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Headers('accept-language') lang: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OpportunityView> {
    const opportunity = await this.opportunities.get(user, id, preferredLanguage(lang));
    void reply.header('etag', etagOf(opportunity));
    return opportunity;
  }

  @Patch(':id')
  @Scopes('opportunities:write')
  @ApiOperation({ summary: 'Change an opportunity (not its stage or status); needs version or If-Match' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: UpdateOpportunityDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('accept-language') lang: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OpportunityView> {
    const { version, ...changes } = dto;
    const opportunity = await this.opportunities.update(user, id, changes, expectedVersion(version, ifMatch), preferredLanguage(lang));
    void reply.header('etag', etagOf(opportunity));
    return opportunity;
  }

  @Post(':id/stage')
  @Scopes('opportunities:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move to another open stage of its pipeline (recorded in the history)' })
  async moveStage(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: MoveStageDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('accept-language') lang: string | undefined,
  ) {
    return this.funnel.moveToStage(user, id, dto.stageId, expectedVersion(dto.version, ifMatch), preferredLanguage(lang));
  }

  @Get(':id/history')
  @Scopes('opportunities:read')
  @ApiOperation({ summary: 'Stage history: who moved it, when, and the time spent in each stage' })
  history(@CurrentUser() user: AuthUser, @Param('id') id: string, @Headers('accept-language') lang: string | undefined) {
    return this.funnel.history(user, id, preferredLanguage(lang));
  }

  @Post(':id/win')
  @Scopes('opportunities:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Win it: publishes opportunities.opportunity.won (contacts makes the contact a customer)' })
  win(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: VersionedDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('accept-language') lang: string | undefined,
  ) {
    return this.funnel.win(user, id, expectedVersion(dto.version, ifMatch), preferredLanguage(lang));
  }

  @Post(':id/lose')
  @Scopes('opportunities:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lose it with a reason from /lost-reasons and a note' })
  lose(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: LoseOpportunityDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('accept-language') lang: string | undefined,
  ) {
    return this.funnel.lose(user, id, dto.lostReasonId, dto.note, expectedVersion(dto.version, ifMatch), preferredLanguage(lang));
  }

  @Post(':id/reopen')
  @Scopes('opportunities:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a won or lost opportunity (to its last open stage or stageId)' })
  reopen(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: ReopenOpportunityDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('accept-language') lang: string | undefined,
  ) {
    return this.funnel.reopen(user, id, dto.stageId, expectedVersion(dto.version, ifMatch), preferredLanguage(lang));
  }
}
