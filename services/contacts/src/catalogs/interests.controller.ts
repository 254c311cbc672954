import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX } from '@crm/common';
import { etagOf, expectedVersion } from '@crm/database';
import type { InterestView } from './catalog.views.js';
import { CreateInterestDto } from './dto/create-interest.dto.js';
import { ListCatalogQueryDto } from './dto/list-catalog.query.dto.js';
import { UpdateInterestDto } from './dto/update-interest.dto.js';
import { InterestsService } from './interests.service.js';

@ApiTags('catalogues')
@ApiBearerAuth()
@Controller('interests')
export class InterestsController {
  constructor(private readonly interests: InterestsService) {}

  @Get()
  @Scopes('contacts:read')
  @ApiOperation({ summary: 'Products and services of interest (intereses); ?active=true for the ones that can be chosen' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListCatalogQueryDto) {
    return this.interests.list(user, query);
  }

  @Get(':id')
  @Scopes('contacts:read')
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<InterestView> {
    const interest = await this.interests.get(user, id);
    void reply.header('etag', etagOf(interest));
    return interest;
  }

  @Post()
  @Roles('admin')
  @Scopes('contacts:write')
  @ApiOperation({ summary: 'Create an interest (admin): name, description' })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateInterestDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<InterestView> {
    const interest = await this.interests.create(user, dto);
    void reply.status(201).header('location', `/${API_PREFIX}/interests/${interest.id}`).header('etag', etagOf(interest));
    return interest;
  }

  @Patch(':id')
  @Roles('admin')
  @Scopes('contacts:write')
  @ApiOperation({ summary: 'Change or deactivate (active=false) an interest (admin); contacts keep it, it cannot be chosen again' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateInterestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InterestView> {
    const { version, ...changes } = dto;
    const interest = await this.interests.update(user, id, changes, expectedVersion(version, ifMatch));
    void reply.header('etag', etagOf(interest));
    return interest;
  }
}
