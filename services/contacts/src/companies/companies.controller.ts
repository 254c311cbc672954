import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { etagOf } from '@crm/database';
import type { ContactView } from '../contacts/contact.view.js';
import { CompaniesService } from './companies.service.js';
import { ListCompaniesQueryDto } from './dto/list-companies.query.dto.js';

/** Read views over organisations; create and edit them with POST/PATCH /contacts (kind organization). */
@ApiTags('companies')
@ApiBearerAuth()
@Controller('companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

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
