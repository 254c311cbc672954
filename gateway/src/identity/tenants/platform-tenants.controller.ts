import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ProblemException, Problems, Public } from '@crm/common';
import { GatewayConfig } from '../../config/gateway-config.js';
import type { UserView } from '../users/user-view.js';
import { CreateTenantDto } from './create-tenant.dto.js';
import { platformKeyMatches } from './platform-key.js';
import { TenantsService, type TenantView } from './tenants.service.js';

/** For the platform operator only: authenticated by PLATFORM_API_KEY, not by a user token. */
@ApiTags('platform')
@Controller('platform/tenants')
export class PlatformTenantsController {
  constructor(
    private readonly tenants: TenantsService,
    private readonly config: GatewayConfig,
  ) {}

  @Public()
  @Post()
  @HttpCode(201)
  @ApiHeader({ name: 'x-platform-key', required: true })
  @ApiOperation({ summary: 'Create a tenant and its first admin (operator key in x-platform-key)' })
  async create(
    @Headers('x-platform-key') key: string | undefined,
    @Body() dto: CreateTenantDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ tenant: TenantView; admin: UserView }> {
    // Without a configured key the endpoint does not exist.
    if (!this.config.platformApiKey) throw Problems.notFound('Recurso no encontrado.');
    if (!platformKeyMatches(key, this.config.platformApiKey)) throw new ProblemException(401, 'La clave de plataforma no es válida.');
    const created = await this.tenants.createWithAdmin(dto);
    void reply.header('location', `/api/v1/platform/tenants/${created.tenant.id}`);
    return created;
  }
}
