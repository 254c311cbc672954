import { Controller, Get, Headers, Param, ParseUUIDPipe, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Scopes } from '@crm/auth';
import { Customer360Service } from './customer-360.service.js';
import type { Customer360View } from './customer-360.view.js';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers')
export class Customer360Controller {
  constructor(private readonly customers: Customer360Service) {}

  @Get(':contactId/360')
  @Scopes('contacts:read')
  @ApiOperation({
    summary:
      'Customer 360: profile, open opportunities, recent activities, open tickets with due dates, latest timeline, ERP account and lifetime value, from the services in parallel within a time budget; a part that fails comes back as {"error": …} (still 200)',
  })
  get(
    @Param('contactId', ParseUUIDPipe) contactId: string,
    @Headers('authorization') authorization: string,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<Customer360View> {
    const headers: Record<string, string> = { authorization };
    if (acceptLanguage) headers['accept-language'] = acceptLanguage;
    headers['x-request-id'] = String(request.id);
    return this.customers.compose(contactId, headers);
  }
}
