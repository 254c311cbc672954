import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX, Problems } from '@crm/common';
import type { TicketsConfig } from '../config/tickets-config.js';
import { TICKETS_CONFIG } from '../config/tickets-env.js';
import { PostMessageDto } from './dto/post-message.dto.js';
import { readMultipart } from './multipart-files.js';
import { ReadReceiptsService, type ReadReceiptView } from './read-receipts.service.js';
import { readMessageId } from './read-request.js';
import { TicketAttachmentsService, type AttachmentView } from './ticket-attachments.service.js';
import { TicketMessagesService, type MessageView } from './ticket-messages.service.js';

const ALLOWED_FIELDS = new Set(['kind', 'body']);

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets/:ticketId')
export class TicketMessagesController {
  constructor(
    @Inject(TICKETS_CONFIG) private readonly config: TicketsConfig,
    private readonly messages: TicketMessagesService,
    private readonly attachments: TicketAttachmentsService,
    private readonly receipts: ReadReceiptsService,
  ) {}

  @Post('messages')
  @Scopes('tickets:write')
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: PostMessageDto, description: 'JSON, or multipart with the fields kind and body plus up to 5 files.' })
  @ApiOperation({ summary: 'Reply to the requester (kind public: e-mailed) or add an internal note (never e-mailed, public or exported)' })
  async post(
    @CurrentUser() user: AuthUser,
    @Param('ticketId', ParseUUIDPipe) ticketId: string,
    @Req() request: FastifyRequest,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MessageView> {
    let raw: unknown = body;
    let files: Awaited<ReturnType<typeof readMultipart>>['files'] = [];
    if (request.isMultipart()) {
      const multipart = await readMultipart(request, this.config.attachmentMaxBytes);
      raw = multipart.fields;
      files = multipart.files;
    }
    const dto = await this.validated(raw);
    const message = await this.messages.post(user, ticketId, dto, files);
    void reply.status(201).header('location', `/${API_PREFIX}/tickets/${ticketId}/messages/${message.id}`);
    return message;
  }

  @Get('messages')
  @Scopes('tickets:read')
  @ApiOperation({ summary: 'The whole conversation, oldest first: public replies, internal notes, their files and safe HTML, and read receipts' })
  list(@CurrentUser() user: AuthUser, @Param('ticketId', ParseUUIDPipe) ticketId: string) {
    return this.messages.list(user, ticketId);
  }

  @Post('read')
  @HttpCode(200)
  @Scopes('tickets:read')
  @ApiBody({ required: false, schema: { type: 'object', properties: { messageId: { type: 'string', format: 'uuid' } } } })
  @ApiOperation({ summary: 'Read receipt: the caller read the conversation up to messageId (default: the latest); publishes tickets.conversation.read when it moves forward' })
  read(@CurrentUser() user: AuthUser, @Param('ticketId', ParseUUIDPipe) ticketId: string, @Body() body: unknown): Promise<{ receipt: ReadReceiptView | null }> {
    return this.receipts.staffRead(user, ticketId, readMessageId(body)).then((receipt) => ({ receipt }));
  }

  @Post('attachments')
  @Scopes('tickets:write')
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Attach files to the ticket (multipart, up to 5); type judged by the bytes (415), size limit (413)' })
  async upload(
    @CurrentUser() user: AuthUser,
    @Param('ticketId', ParseUUIDPipe) ticketId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ items: AttachmentView[] }> {
    if (!request.isMultipart()) throw Problems.unsupportedMediaType('Envíe los archivos como multipart/form-data.');
    const { files } = await readMultipart(request, this.config.attachmentMaxBytes);
    if (files.length === 0) throw Problems.invalid([{ field: 'file', message: 'Falta el archivo.' }]);
    const items = await this.attachments.upload(user, ticketId, files);
    void reply.status(201);
    return { items };
  }

  @Get('attachments')
  @Scopes('tickets:read')
  @ApiOperation({ summary: "The ticket's files (its own and its messages')" })
  listAttachments(@CurrentUser() user: AuthUser, @Param('ticketId', ParseUUIDPipe) ticketId: string) {
    return this.attachments.list(user, ticketId);
  }

  @Get('attachments/:attachmentId/download')
  @Scopes('tickets:read')
  @ApiOperation({ summary: 'A short-lived (5 min) download link' })
  download(@CurrentUser() user: AuthUser, @Param('ticketId', ParseUUIDPipe) ticketId: string, @Param('attachmentId', ParseUUIDPipe) attachmentId: string) {
    return this.attachments.downloadLink(user, ticketId, attachmentId);
  }

  /** The same whitelist validation for JSON and multipart fields: unknown fields → 400 naming them. */
  private async validated(raw: unknown): Promise<PostMessageDto> {
    const source = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const unknown = Object.keys(source).filter((key) => !ALLOWED_FIELDS.has(key));
    if (unknown.length) throw Problems.invalid(unknown.map((field) => ({ field, message: `El campo "${field}" no está permitido.` })));
    const dto = plainToInstance(PostMessageDto, source);
    const errors = await validate(dto);
    if (errors.length) throw Problems.invalid(errors.flatMap((error) => Object.values(error.constraints ?? {}).map((message) => ({ field: error.property, message }))));
    return dto;
  }
}
