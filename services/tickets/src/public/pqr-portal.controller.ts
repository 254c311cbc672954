import { Body, Controller, Get, Headers, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, Scopes, type AuthUser } from '@crm/auth';
import { etagOf, expectedVersion } from '@crm/database';
import { RotatePortalKeyDto } from './dto/rotate-portal-key.dto.js';
import { UpdatePqrPortalDto } from './dto/update-pqr-portal.dto.js';
import { PqrPortalService, type PqrPortalView } from './pqr-portal.service.js';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('pqr-portal')
export class PqrPortalController {
  constructor(private readonly portals: PqrPortalService) {}

  @Get()
  @Roles('admin')
  @Scopes('tickets:read')
  @ApiOperation({ summary: "The company's public PQR page settings and its portal key (admin); created on first read" })
  async get(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) reply: FastifyReply): Promise<PqrPortalView> {
    const portal = await this.portals.get(user.tenantId);
    void reply.header('etag', etagOf(portal));
    return portal;
  }

  @Patch()
  @Roles('admin')
  @Scopes('tickets:write')
  @ApiOperation({ summary: 'Open or close the public page, or route public PQRs to a team (admin); send the version' })
  async update(
    @CurrentUser() user: AuthUser,
    @Body() dto: UpdatePqrPortalDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PqrPortalView> {
    const { version, ...changes } = dto;
    const portal = await this.portals.update(user.tenantId, changes, expectedVersion(version, ifMatch));
    void reply.header('etag', etagOf(portal));
    return portal;
  }

  @Post('rotate-key')
  @Roles('admin')
  @Scopes('tickets:write')
  @ApiOperation({ summary: 'Replace the portal key (admin); the old key stops working' })
  async rotate(
    @CurrentUser() user: AuthUser,
    @Body() dto: RotatePortalKeyDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PqrPortalView> {
    const portal = await this.portals.rotate(user.tenantId, expectedVersion(dto.version, ifMatch));
    void reply.status(200).header('etag', etagOf(portal));
    return portal;
  }
}
