import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX } from '@crm/common';
import { etagOf } from '@crm/database';
import { CreateQuoteDto } from './dto/create-quote.dto.js';
import type { QuoteView } from './quote.view.js';
import { QuotesService } from './quotes.service.js';

@ApiTags('quotes')
@ApiBearerAuth()
@Controller('opportunities/:opportunityId/quotes')
export class OpportunityQuotesController {
  constructor(private readonly quotes: QuotesService) {}

  @Post()
  @Scopes('opportunities:write')
  @ApiOperation({ summary: 'Create a quote from the opportunity (its contact and currency); numbered COT-<year>-<000123>' })
  async create(
    @CurrentUser() user: AuthUser,
    @Param('opportunityId') opportunityId: string,
    @Body() dto: CreateQuoteDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QuoteView> {
    const quote = await this.quotes.create(user, opportunityId, dto);
    void reply.status(201).header('location', `/${API_PREFIX}/quotes/${quote.id}`).header('etag', etagOf(quote));
    return quote;
  }

  @Get()
  @Scopes('opportunities:read')
  @ApiOperation({ summary: 'The quotes of an opportunity, oldest first' })
  list(@CurrentUser() user: AuthUser, @Param('opportunityId') opportunityId: string) {
    return this.quotes.listForOpportunity(user, opportunityId);
  }
}
