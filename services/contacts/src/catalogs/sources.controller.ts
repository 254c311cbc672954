import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX } from '@crm/common';
import { etagOf, expectedVersion } from '@crm/database';
import type { SourceView } from './catalog.views.js';
import { CreateSourceDto } from './dto/create-source.dto.js';
import { ListCatalogQueryDto } from './dto/list-catalog.query.dto.js';
import { UpdateSourceDto } from './dto/update-source.dto.js';
import { SourcesService } from './sources.service.js';

@ApiTags('catalogues')
@ApiBearerAuth()
@Controller('sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Get()
  @Scopes('contacts:read')
  @ApiOperation({ summary: 'Sources of capture (fuentes de captación); ?active=true for the ones that can be chosen. The first list seeds the Spanish defaults.' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListCatalogQueryDto) {
    return this.sources.list(user, query);
  }

  @Get(':id')
  @Scopes('contacts:read')
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<SourceView> {
    const source = await this.sources.get(user, id);
    void reply.header('etag', etagOf(source));
    return source;
  }

  @Post()
  @Roles('admin')
  @Scopes('contacts:write')
  @ApiOperation({ summary: 'Create a source (admin): name, channel, notes, cost {amount, currency} over period {from, to}' })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateSourceDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<SourceView> {
    const source = await this.sources.create(user, dto);
    void reply.status(201).header('location', `/${API_PREFIX}/sources/${source.id}`).header('etag', etagOf(source));
    return source;
  }

  @Patch(':id')
  @Roles('admin')
  @Scopes('contacts:write')
  @ApiOperation({ summary: 'Change or deactivate (active=false) a source (admin); contacts keep it, new ones cannot choose it' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateSourceDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SourceView> {
    const { version, ...changes } = dto;
    const source = await this.sources.update(user, id, changes, expectedVersion(version, ifMatch));
    void reply.header('etag', etagOf(source));
    return source;
  }
}
