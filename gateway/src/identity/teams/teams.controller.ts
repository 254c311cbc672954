import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PageQueryDto, type Page } from '@crm/common';
import { CurrentUser, Roles, type AuthUser } from '@crm/auth';
import { etagOf } from '@crm/database';
import { API_BASE } from '../../shared/api-base.js';
import { CreateTeamDto } from './create-team.dto.js';
import type { TeamView } from './team-view.js';
import { TeamsService } from './teams.service.js';
import { UpdateTeamDto } from './update-team.dto.js';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @Roles('admin', 'manager')
  list(@CurrentUser() caller: AuthUser, @Query() query: PageQueryDto): Promise<Page<TeamView>> {
    return this.teams.list(caller.tenantId, query);
  }

  @Post()
  @Roles('admin')
  @HttpCode(201)
  async create(@CurrentUser() caller: AuthUser, @Body() dto: CreateTeamDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TeamView> {
    const team = await this.teams.create({ kind: caller.kind, id: caller.id }, caller.tenantId, dto);
    void reply.header('location', `${API_BASE}/teams/${team.id}`).header('etag', etagOf(team));
    return team;
  }

  @Get(':id')
  @Roles('admin', 'manager')
  async findOne(@CurrentUser() caller: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<TeamView> {
    const team = await this.teams.findOne(caller.tenantId, id);
    void reply.header('etag', etagOf(team));
    return team;
  }

  @Patch(':id')
  @Roles('admin')
  async update(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateTeamDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TeamView> {
    const team = await this.teams.update({ kind: caller.kind, id: caller.id }, caller.tenantId, id, dto, ifMatch);
    void reply.header('etag', etagOf(team));
    return team;
  }
}
