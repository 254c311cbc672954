import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { etagOf, expectedVersion } from '@crm/database';
import { AcceptQuoteDto, QuoteVersionDto, RejectQuoteDto } from './dto/quote-action.dto.js';
import { UpdateQuoteDto } from './dto/update-quote.dto.js';
import { QuoteActionsService } from './quote-actions.service.js';
import { QuoteDocumentService } from './quote-document.service.js';
import type { QuoteView } from './quote.view.js';
import { QuotesService } from './quotes.service.js';

@ApiTags('quotes')
@ApiBearerAuth()
@Controller('quotes')
export class QuotesController {
  constructor(
    private readonly quotes: QuotesService,
    private readonly actions: QuoteActionsService,
    private readonly documents: QuoteDocumentService,
  ) {}

  @Get(':id')
  @Scopes('opportunities:read')
  @ApiOperation({ summary: 'A quote (visible when its opportunity is)' })
  async get(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<QuoteView> {
    return withEtag(reply, await this.quotes.get(user, id));
  }

  @Get(':id/pdf')
  @Scopes('opportunities:read')
  @ApiOperation({ summary: 'The quote as a Spanish PDF (issuer header, customer with tax id, lines, totals es-CO, validity, terms)' })
  async pdf(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const { number, pdf } = await this.documents.pdfFor(user, id);
    await reply.type('application/pdf').header('content-disposition', `inline; filename="${number}.pdf"`).header('cache-control', 'no-store').send(pdf);
  }

  @Get(':id/revisions')
  @Scopes('opportunities:read')
  @ApiOperation({ summary: 'Earlier revisions of a quote, as they were sent' })
  revisions(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.quotes.revisions(user, id);
  }

  @Patch(':id')
  @Scopes('opportunities:write')
  @ApiOperation({ summary: 'Edit a draft in place; editing a sent quote keeps it as a revision and starts the next one (412 stale, 428 missing version)' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: UpdateQuoteDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QuoteView> {
    const { version, ...changes } = dto;
    return withEtag(reply, await this.quotes.update(user, id, changes, expectedVersion(version, ifMatch)));
  }

  @Post(':id/send')
  @HttpCode(200)
  @Scopes('opportunities:write')
  @ApiOperation({ summary: 'Mark the quote sent to the customer (publishes opportunities.quote.sent)' })
  async send(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: QuoteVersionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.actions.send(user, id, expectedVersion(dto.version, ifMatch)));
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Scopes('opportunities:write')
  @ApiOperation({ summary: 'The customer accepted a sent quote: publishes opportunities.quote.accepted for the ERP; winOpportunity: true also wins the opportunity' })
  async accept(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: AcceptQuoteDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.actions.accept(user, id, dto.winOpportunity === true, expectedVersion(dto.version, ifMatch)));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Scopes('opportunities:write')
  @ApiOperation({ summary: 'The customer rejected a sent quote (publishes opportunities.quote.rejected)' })
  async reject(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: RejectQuoteDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.actions.reject(user, id, dto.reason, expectedVersion(dto.version, ifMatch)));
  }
}

export function withEtag(reply: FastifyReply, quote: QuoteView): QuoteView {
  void reply.header('etag', etagOf(quote));
  return quote;
}
