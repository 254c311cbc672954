import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX } from '@crm/common';
import { etagOf, idempotencyOf } from '@crm/database';
import type { ContactView } from '../contacts/contact.view.js';
import { ContactsService } from '../contacts/contacts.service.js';
import { CompaniesService } from './companies.service.js';
import { CreateCompanyDto } from './dto/create-company.dto.js';
import { ListCompaniesQueryDto } from './dto/list-companies.query.dto.js';

/** Organisations: create them here or with POST /contacts (kind organization); edit them with PATCH /contacts/{id}. */
@ApiTags('companies')
@ApiBearerAuth()
@Controller('companies')
export class CompaniesController {
  constructor(
    private readonly companies: CompaniesService,
    private readonly contacts: ContactsService,
  ) {}

  @Post()
  @Scopes('contacts:write')
  @ApiOperation({ summary: 'Create a company: a contact of kind organization (same rules, timeline and contacts.contact.created as POST /contacts)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Yours only: the same request again returns the first result; the same key with another body is a 422.' })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateCompanyDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContactView> {
    const { contact, replayed } = await this.contacts.create(user, { ...dto, kind: 'organization' }, idempotencyOf(idempotencyKey, request));
    void reply.status(201).header('location', `/${API_PREFIX}/companies/${contact.id}`).header('etag', etagOf(contact));
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return contact;
  }

  @Get()
  @Scopes('contacts:read')
  @ApiOperation({ summary: 'Companies (contacts of kind organization) you can see, keyset pages' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListCompaniesQueryDto) {
    return this.companies.list(user, query);
  }

  @Get(':id')
  @Scopes('contacts:read')
  @ApiOperation({ summary: 'One company (404 for a person or a company you cannot see)' })
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ContactView> {
    const company = await this.companies.get(user, id);
    void reply.header('etag', etagOf(company));
    return company;
  }

  @Get(':id/contacts')
  @Scopes('contacts:read')
  @ApiOperation({ summary: 'The people of a company (contacts whose companyId is it) that you can see' })
  people(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: ListCompaniesQueryDto) {
    return this.companies.people(user, id, query);
  }
}
