import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PageQueryDto, type Page } from '@crm/common';
import { CurrentUser, Roles, type AuthUser } from '@crm/auth';
import { API_BASE } from '../../shared/api-base.js';
import type { ApiKeyView, CreatedApiKeyView } from './api-key-view.js';
import { ApiKeysService } from './api-keys.service.js';
import { CreateApiKeyDto } from './create-api-key.dto.js';

@ApiTags('api-keys')
@ApiBearerAuth()
@Roles('admin')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an API key for an integration; the key is shown only in this response' })
  async create(@CurrentUser() caller: AuthUser, @Body() dto: CreateApiKeyDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<CreatedApiKeyView> {
    const created = await this.apiKeys.create({ kind: caller.kind, id: caller.id }, caller.tenantId, dto);
    void reply.header('location', `${API_BASE}/api-keys/${created.id}`).header('cache-control', 'no-store');
    return created;
  }

  @Get()
  list(@CurrentUser() caller: AuthUser, @Query() query: PageQueryDto): Promise<Page<ApiKeyView>> {
    return this.apiKeys.list(caller.tenantId, query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key (takes effect on the next request)' })
  async revoke(@CurrentUser() caller: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.apiKeys.revoke({ kind: caller.kind, id: caller.id }, caller.tenantId, id);
  }
}
