import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX, type Page } from '@crm/common';
import { etagOf, expectedVersion } from '@crm/database';
import { CreateSupportAddressDto } from './dto/create-support-address.dto.js';
import { InboundEmailsQueryDto } from './dto/inbound-emails.query.dto.js';
import { UpdateSupportAddressDto } from './dto/update-support-address.dto.js';
import { InboundEmailLogService } from './inbound-email-log.service.js';
import type { InboundEmailView } from './inbound-email.view.js';
import type { SupportAddressView } from './support-address.view.js';
import { SupportAddressesService } from './support-addresses.service.js';

/** E-mail to ticket settings and log (admin): the support addresses and what arrived at them. */
@ApiTags('tickets')
@ApiBearerAuth()
@Controller()
export class SupportAddressesController {
  constructor(
    private readonly addresses: SupportAddressesService,
    private readonly log: InboundEmailLogService,
  ) {}

  @Get('ticket-email-addresses')
  @Roles('admin')
  @Scopes('tickets:read')
  @ApiOperation({ summary: 'Support addresses whose mail opens or answers PQRs (admin)' })
  list(@CurrentUser() user: AuthUser): Promise<{ items: SupportAddressView[] }> {
    return this.addresses.list(user.tenantId);
  }

  @Get('ticket-email-addresses/:id')
  @Roles('admin')
  @Scopes('tickets:read')
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<SupportAddressView> {
    const address = await this.addresses.get(user.tenantId, id);
    void reply.header('etag', etagOf(address));
    return address;
  }

  @Post('ticket-email-addresses')
  @Roles('admin')
  @Scopes('tickets:write')
  @ApiOperation({ summary: 'Add a support address (admin); 409 when it is already registered (naming it when it is yours)' })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateSupportAddressDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<SupportAddressView> {
    const address = await this.addresses.create(user.tenantId, dto);
    void reply.status(201).header('location', `/${API_PREFIX}/ticket-email-addresses/${address.id}`).header('etag', etagOf(address));
    return address;
  }

  @Patch('ticket-email-addresses/:id')
  @Roles('admin')
  @Scopes('tickets:write')
  @ApiOperation({ summary: 'Change the defaults of the tickets an address opens, or deactivate it (admin); send the version' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateSupportAddressDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SupportAddressView> {
    const { version, ...changes } = dto;
    const address = await this.addresses.update(user.tenantId, id, changes, expectedVersion(version, ifMatch));
    void reply.header('etag', etagOf(address));
    return address;
  }

  @Delete('ticket-email-addresses/:id')
  @Roles('admin')
  @Scopes('tickets:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a support address and its log (admin); tickets it opened stay' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.addresses.remove(user.tenantId, id);
  }

  @Get('ticket-inbound-emails')
  @Roles('admin')
  @Scopes('tickets:read')
  @ApiOperation({ summary: 'E-mails received by the support addresses, newest first (admin): outcome, reason, SPF/DKIM/DMARC as reported' })
  inbound(@CurrentUser() user: AuthUser, @Query() query: InboundEmailsQueryDto): Promise<Page<InboundEmailView>> {
    return this.log.list(user.tenantId, query);
  }
}
