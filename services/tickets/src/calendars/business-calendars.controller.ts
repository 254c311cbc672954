import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { CurrentUser, Roles, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX, preferredLanguage } from '@crm/common';
import { etagOf, expectedVersion } from '@crm/database';
import type { BusinessCalendarView } from './business-calendar.view.js';
import { BusinessCalendarsService } from './business-calendars.service.js';
import { businessDaysAnswer, type BusinessDaysAnswer } from './business-days.answer.js';
import { BusinessDaysQueryDto } from './dto/business-days.query.dto.js';
import { CreateBusinessCalendarDto } from './dto/create-business-calendar.dto.js';
import { UpdateBusinessCalendarDto } from './dto/update-business-calendar.dto.js';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('business-calendars')
export class BusinessCalendarsController {
  constructor(
    private readonly calendars: BusinessCalendarsService,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Scopes('tickets:read')
  @ApiOperation({ summary: 'Business calendars of the tenant (the default first; seeded on first use)' })
  list(@CurrentUser() user: AuthUser) {
    return this.calendars.list(user);
  }

  @Get(':id')
  @Scopes('tickets:read')
  @ApiOperation({ summary: 'A calendar; `default` names the tenant default' })
  async get(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<BusinessCalendarView> {
    const calendar = await this.calendars.get(user, id);
    void reply.header('etag', etagOf(calendar));
    return calendar;
  }

  @Get(':id/business-days')
  @Scopes('tickets:read')
  @ApiOperation({ summary: 'Counts N business days after the day of `from` in the calendar zone: due date, counted and skipped days with reasons' })
  async businessDays(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() query: BusinessDaysQueryDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<BusinessDaysAnswer> {
    const calendar = await this.dataSource.transaction((em) => this.calendars.resolve(em, user.tenantId, id));
    return businessDaysAnswer(calendar, query.from, query.days, preferredLanguage(acceptLanguage));
  }

  @Post()
  @Roles('admin')
  @Scopes('tickets:write')
  @ApiOperation({ summary: 'Add a calendar (admin)' })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateBusinessCalendarDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<BusinessCalendarView> {
    const calendar = await this.calendars.create(user, dto);
    void reply.status(201).header('location', `/${API_PREFIX}/business-calendars/${calendar.id}`).header('etag', etagOf(calendar));
    return calendar;
  }

  @Patch(':id')
  @Roles('admin')
  @Scopes('tickets:write')
  @ApiOperation({ summary: 'Edit a calendar (admin; send the version); open tickets counting on it are recomputed' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: UpdateBusinessCalendarDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BusinessCalendarView> {
    const { version, ...changes } = dto;
    const calendar = await this.calendars.update(user, id, changes, expectedVersion(version, ifMatch));
    void reply.header('etag', etagOf(calendar));
    return calendar;
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @Scopes('tickets:write')
  @ApiOperation({ summary: 'Delete a calendar nobody uses (admin); the default cannot be deleted' })
  async remove(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    await this.calendars.remove(user, id);
  }
}
