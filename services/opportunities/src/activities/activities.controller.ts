import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX } from '@crm/common';
import { etagOf, expectedVersion } from '@crm/database';
import { ActivitiesService } from './activities.service.js';
import type { ActivityView } from './activity.view.js';
import { AgendaQueryDto, FinishActivityDto, OverdueQueryDto, ReportQueryDto } from './dto/activity-query.dto.js';
import { CreateActivityDto } from './dto/create-activity.dto.js';
import { UpdateActivityDto } from './dto/update-activity.dto.js';

@ApiTags('activities')
@ApiBearerAuth()
@Controller('activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Post()
  @Scopes('opportunities:write')
  @ApiOperation({ summary: 'Schedule or log a task, call, meeting, visit or e-mail on an opportunity and/or contact; assign it to someone (delegation)' })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateActivityDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ActivityView> {
    const activity = await this.activities.create(user, dto);
    void reply.status(201).header('location', `/${API_PREFIX}/activities/${activity.id}`).header('etag', etagOf(activity));
    return activity;
  }

  @Get('agenda')
  @Scopes('opportunities:read')
  @ApiOperation({ summary: 'Activities due between from and to for you (or, for managers/admins, userId)' })
  agenda(@CurrentUser() user: AuthUser, @Query() query: AgendaQueryDto) {
    return this.activities.agenda(user, query.from, query.to, query.userId);
  }

  @Get('overdue')
  @Scopes('opportunities:read')
  @ApiOperation({ summary: 'Pending activities past their due time' })
  overdue(@CurrentUser() user: AuthUser, @Query() query: OverdueQueryDto) {
    return this.activities.overdue(user, query.userId);
  }

  @Get('report')
  @Scopes('opportunities:read')
  @ApiOperation({ summary: 'Per-seller report: activities created in [from, to) by assignee, type and status (admins: everyone; managers: users of their teams; sales: themselves)' })
  report(@CurrentUser() user: AuthUser, @Query() query: ReportQueryDto) {
    return this.activities.report(user, query.from, query.to);
  }

  @Get(':id')
  @Scopes('opportunities:read')
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.activities.get(user, id);
  }

  @Patch(':id')
  @Scopes('opportunities:write')
  @ApiOperation({
    summary: 'Edit a pending activity (subject, description, due time, duration, reminder minutes); a new due time re-arms its reminder. Send the version (stale → 412)',
  })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: UpdateActivityDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ActivityView> {
    const { version, ...changes } = dto;
    const activity = await this.activities.update(user, id, changes, expectedVersion(version, ifMatch));
    void reply.header('etag', etagOf(activity));
    return activity;
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Scopes('opportunities:write')
  @ApiOperation({ summary: 'Mark done with an outcome (publishes opportunities.activity.completed)' })
  complete(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: FinishActivityDto, @Headers('if-match') ifMatch: string | undefined) {
    return this.activities.finish(user, id, 'done', dto.outcome, expectedVersion(dto.version, ifMatch));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Scopes('opportunities:write')
  cancel(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: FinishActivityDto, @Headers('if-match') ifMatch: string | undefined) {
    return this.activities.finish(user, id, 'cancelled', dto.outcome, expectedVersion(dto.version, ifMatch));
  }
}
