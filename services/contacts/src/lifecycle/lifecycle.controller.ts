import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { etagOf, expectedVersion } from '@crm/database';
import type { ContactView } from '../contacts/contact.view.js';
import { ContactConversionService } from './contact-conversion.service.js';
import { ConvertContactDto } from './dto/convert-contact.dto.js';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('contacts')
export class LifecycleController {
  constructor(private readonly conversion: ContactConversionService) {}

  @Post(':id/convert')
  @HttpCode(200)
  @Scopes('contacts:write')
  @ApiOperation({
    summary: 'Convert: contact → prospect → customer, or to supplier; keeps history, 409 for a move not allowed, publishes contacts.contact.converted for the ERP',
  })
  async convert(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ConvertContactDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContactView> {
    const contact = await this.conversion.convert(user, id, dto.to, expectedVersion(dto.version, ifMatch));
    void reply.header('etag', etagOf(contact));
    return contact;
  }
}
