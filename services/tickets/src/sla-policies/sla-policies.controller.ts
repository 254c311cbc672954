import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX } from '@crm/common';
import { etagOf, expectedVersion } from '@crm/database';
import { CreateSlaPolicyDto } from './dto/create-sla-policy.dto.js';
import { UpdateSlaPolicyDto } from './dto/update-sla-policy.dto.js';
import { SlaPoliciesService } from './sla-policies.service.js';
import type { SlaPolicyView } from './sla-policy.view.js';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('sla-policies')
export class SlaPoliciesController {
  constructor(private readonly policies: SlaPoliciesService) {}

  @Get()
  @Scopes('tickets:read')
  @ApiOperation({ summary: 'SLA policies (defaults per priority seeded on first use)' })
  list(@CurrentUser() user: AuthUser) {
    return this.policies.list(user);
  }

  @Get(':id')
  @Scopes('tickets:read')
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<SlaPolicyView> {
    const policy = await this.policies.get(user, id);
    void reply.header('etag', etagOf(policy));
    return policy;
  }

  @Post()
  @Roles('admin')
  @Scopes('tickets:write')
  @ApiOperation({ summary: 'Add a policy (admin); one active policy per priority and category' })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateSlaPolicyDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<SlaPolicyView> {
    const policy = await this.policies.create(user, dto);
    void reply.status(201).header('location', `/${API_PREFIX}/sla-policies/${policy.id}`).header('etag', etagOf(policy));
    return policy;
  }

  @Patch(':id')
  @Roles('admin')
  @Scopes('tickets:write')
  @ApiOperation({ summary: 'Edit or retire (active=false) a policy (admin; send the version); open tickets are recomputed' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateSlaPolicyDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SlaPolicyView> {
    const { version, ...changes } = dto;
    const policy = await this.policies.update(user, id, changes, expectedVersion(version, ifMatch));
    void reply.header('etag', etagOf(policy));
    return policy;
  }
}
