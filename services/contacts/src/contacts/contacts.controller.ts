import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX } from '@crm/common';
import { etagOf, expectedVersion, idempotencyOf } from '@crm/database';
import { ContactAssignmentService } from './contact-assignment.service.js';
import type { ContactView } from './contact.view.js';
import { ContactsQueryService } from './contacts-query.service.js';
import { ContactsService } from './contacts.service.js';
import { AssignContactDto } from './dto/assign-contact.dto.js';
import { CreateContactDto } from './dto/create-contact.dto.js';
import { ListContactsQueryDto } from './dto/list-contacts.query.dto.js';
import { UpdateContactDto } from './dto/update-contact.dto.js';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('contacts')
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly query: ContactsQueryService,
    private readonly assignment: ContactAssignmentService,
  ) {}

  @Post()
  @Scopes('contacts:write')
  @ApiOperation({ summary: 'Create a contact (person or organisation)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Yours only: the same request again returns the first result; the same key with another body is a 422.' })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateContactDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContactView> {
    const { contact, replayed } = await this.contacts.create(user, dto, idempotencyOf(idempotencyKey, request));
    void reply.status(201).header('location', `/${API_PREFIX}/contacts/${contact.id}`).header('etag', etagOf(contact));
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return contact;
  }

  @Get()
  @Scopes('contacts:read')
  @ApiOperation({ summary: 'List contacts you can see (keyset pages, filters, search)' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListContactsQueryDto) {
    return this.query.list(user, query);
  }

  @Get(':id')
  @Scopes('contacts:read')
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ContactView> {
    const contact = await this.contacts.get(user, id);
    void reply.header('etag', etagOf(contact));
    return contact;
  }

  @Patch(':id')
  @Scopes('contacts:write')
  @ApiOperation({ summary: 'Update fields; send the version you edited (body or If-Match), a stale one gets 412' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateContactDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContactView> {
    const { version, ...changes } = dto;
    const contact = await this.contacts.update(user, id, changes, expectedVersion(version, ifMatch));
    void reply.header('etag', etagOf(contact));
    return contact;
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Scopes('contacts:write')
  @ApiOperation({ summary: 'Assign the contact to a sales agent (e-mails them)' })
  assign(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignContactDto, @Headers('if-match') ifMatch: string | undefined): Promise<ContactView> {
    return this.assignment.assign(user, id, dto, expectedVersion(dto.version, ifMatch));
  }

  @Get(':id/timeline')
  @Scopes('contacts:read')
  @ApiOperation({ summary: 'History of the contact: creation, field changes (old → new), assignments, documents' })
  timeline(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.contacts.timelineOf(user, id);
  }
}
