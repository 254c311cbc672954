import { Body, Controller, Get, Headers, HttpCode, Logger, Param, Post, Query, Req, Res, Inject } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Problems, Public, preferredLanguage } from '@crm/common';
import { readMessageId } from '../messages/read-request.js';
import { type TicketsConfig } from '../config/tickets-config.js';
import { TICKETS_CONFIG } from '../config/tickets-env.js';
import { PublicFilingDto, PUBLIC_HONEYPOT_FIELD } from './dto/public-filing.dto.js';
import { PublicReplyDto } from './dto/public-reply.dto.js';
import { SatisfactionDto } from './dto/satisfaction.dto.js';
import { PublicFormService } from './public-form.service.js';
import { readPublicBody, validatedDto } from './public-request-body.js';
import type { FilingReceipt, PublicMessageView, PublicTicketView } from './public-ticket.view.js';
import { PublicTicketsService } from './public-tickets.service.js';

/**
 * PQRs without login (the gateway forwards `public/tickets` without a token and limits each IP).
 * Filing names the company by its portal key; tracking, replying and rating need the radicado
 * and its token, and a wrong token is the same 404 as a radicado that does not exist.
 */
@ApiTags('public PQR')
@Public()
@Controller('public/tickets')
export class PublicTicketsController {
  private readonly logger = new Logger(PublicTicketsController.name);
  constructor(
    @Inject(TICKETS_CONFIG) private readonly config: TicketsConfig,
    private readonly publicTickets: PublicTicketsService,
    private readonly forms: PublicFormService,
  ) {}

  @Get('portal/:portalKey')
  @ApiOperation({ summary: 'Public: what the filing form offers (PQR classes, active categories, document types) in the Accept-Language' })
  form(@Param('portalKey') portalKey: string, @Headers('accept-language') acceptLanguage: string | undefined) {
    return this.forms.describe(portalKey, preferredLanguage(acceptLanguage));
  }

  @Post()
  @HttpCode(201)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: PublicFilingDto, description: 'JSON, or multipart with the same JSON in the part "ticket" plus up to 5 files.' })
  @ApiOperation({ summary: 'Public: file a PQR; answers the radicado, the tracking token and the legal due date (the acuse de recibo is e-mailed)' })
  async file(@Req() request: FastifyRequest, @Body() body: unknown): Promise<FilingReceipt> {
    const { fields, files } = await readPublicBody(request, body, 'ticket', this.config.attachmentMaxBytes);
    const honeypot = fields[PUBLIC_HONEYPOT_FIELD];
    if (honeypot !== undefined && honeypot !== null && honeypot !== '') {
      // A legal petition must never be dropped silently: a person whose browser filled the hidden
      // field sees an error (and can file again) instead of a radicado that does not exist.
      this.logger.log(`public PQR with the honeypot filled from ${request.ip}: refused, nothing stored`);
      throw Problems.invalid([], 'No pudimos radicar su solicitud. Recargue la página e inténtelo de nuevo.');
    }
    return this.publicTickets.file(await validatedDto(PublicFilingDto, fields), files);
  }

  @Get(':radicado')
  @ApiOperation({ summary: 'Public: status, public messages (staff by first name), due date; 404 for a wrong token or radicado' })
  track(@Param('radicado') radicado: string, @Query('token') token: string | undefined, @Headers('accept-language') acceptLanguage: string | undefined): Promise<PublicTicketView> {
    return this.publicTickets.track(radicado, token, preferredLanguage(acceptLanguage));
  }

  @Post(':radicado/messages')
  @HttpCode(201)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: PublicReplyDto, description: 'JSON, or multipart with the same JSON in the part "message" plus up to 5 files.' })
  @ApiOperation({ summary: 'Public: the requester answers (resumes a legal suspension; a Pendiente ticket goes back to En proceso); 409 when closed' })
  async reply(@Param('radicado') radicado: string, @Query('token') token: string | undefined, @Req() request: FastifyRequest, @Body() body: unknown): Promise<PublicMessageView> {
    const { fields, files } = await readPublicBody(request, body, 'message', this.config.attachmentMaxBytes);
    const dto = await validatedDto(PublicReplyDto, fields);
    return this.publicTickets.reply(radicado, token, dto.body, files);
  }

  @Post(':radicado/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Public: the requester read the conversation up to messageId (default the latest public message); publishes tickets.conversation.read' })
  read(@Param('radicado') radicado: string, @Query('token') token: string | undefined, @Body() body: unknown) {
    return this.publicTickets.read(radicado, token, readMessageId(body));
  }

  @Get(':radicado/attachments/:attachmentId/download')
  @ApiOperation({ summary: "Public: a short-lived (5 min) link to a file of the ticket's public conversation; 404 otherwise" })
  async download(
    @Param('radicado') radicado: string,
    @Param('attachmentId') attachmentId: string,
    @Query('token') token: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    void reply.header('cache-control', 'no-store');
    return this.publicTickets.downloadLink(radicado, token, attachmentId);
  }

  @Post(':radicado/satisfaction')
  @HttpCode(201)
  @ApiOperation({ summary: 'Public: rate a closed PQR 1-5 with a comment, once (409 the second time or while open)' })
  async rate(@Param('radicado') radicado: string, @Query('token') token: string | undefined, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw Problems.invalid([{ field: 'body', message: 'Envíe los datos como un objeto JSON.' }]);
    const dto = await validatedDto(SatisfactionDto, body as Record<string, unknown>);
    void reply.header('cache-control', 'no-store');
    return this.publicTickets.rate(radicado, token, dto.rating, dto.comment);
  }
}
