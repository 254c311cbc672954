import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX, preferredLanguage } from '@crm/common';
import { etagOf, expectedVersion } from '@crm/database';
import { CreateLostReasonDto, UpdateLostReasonDto } from './dto/lost-reason.dto.js';
import { LostReasonsService } from './lost-reasons.service.js';

@ApiTags('pipelines')
@ApiBearerAuth()
@Controller('lost-reasons')
export class LostReasonsController {
  constructor(private readonly reasons: LostReasonsService) {}

  @Get()
  @Scopes('opportunities:read')
  @ApiOperation({ summary: 'Reasons a deal is lost (Precio, Competencia, …); ?active=true for the selectable ones' })
  list(@CurrentUser() user: AuthUser, @Headers('accept-language') lang: string | undefined, @Query('active') active?: string) {
    return this.reasons.list(user, preferredLanguage(lang), active === 'true');
  }

  @Post()
  @Roles('admin')
  @Scopes('opportunities:write')
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateLostReasonDto, @Headers('accept-language') lang: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const reason = await this.reasons.create(user, dto, preferredLanguage(lang));
    void reply.status(201).header('location', `/${API_PREFIX}/lost-reasons/${reason.id}`).header('etag', etagOf(reason));
    return reason;
  }

  @Patch(':id')
  @Roles('admin')
  @Scopes('opportunities:write')
  @ApiOperation({ summary: 'Rename, reorder or deactivate a lost reason (admin)' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: UpdateLostReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('accept-language') lang: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { version, ...changes } = dto;
    const reason = await this.reasons.update(user, id, changes, expectedVersion(version, ifMatch), preferredLanguage(lang));
    void reply.header('etag', etagOf(reason));
    return reason;
  }
}
