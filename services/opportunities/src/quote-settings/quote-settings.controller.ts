import { Body, Controller, Get, Headers, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { etagOf } from '@crm/database';
import { UpdateQuoteSettingsDto } from './dto/update-quote-settings.dto.js';
import { QuoteSettingsService, type QuoteSettingsView } from './quote-settings.service.js';

@ApiTags('quote settings')
@ApiBearerAuth()
@Controller('quote-settings')
export class QuoteSettingsController {
  constructor(private readonly settings: QuoteSettingsService) {}

  @Get()
  @Scopes('opportunities:read')
  @ApiOperation({ summary: "The tenant's quote issuer (company, NIT, address, phone, e-mail, footer terms) and time zone; admins only (source: tenant | default)" })
  async get(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) reply: FastifyReply): Promise<QuoteSettingsView> {
    const view = await this.settings.get(user);
    void reply.header('etag', etagOf(view));
    return view;
  }

  @Put()
  @Scopes('opportunities:write')
  @ApiOperation({ summary: 'Replace the quote issuer settings (admins); version or If-Match after the first PUT' })
  async put(
    @CurrentUser() user: AuthUser,
    @Body() dto: UpdateQuoteSettingsDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QuoteSettingsView> {
    const { version, ...changes } = dto;
    const fromHeader = ifMatch?.trim().match(/^(?:W\/)?"?(\d+)"?$/);
    const view = await this.settings.put(user, changes, version ?? (fromHeader ? Number(fromHeader[1]) : undefined));
    void reply.header('etag', etagOf(view));
    return view;
  }
}
