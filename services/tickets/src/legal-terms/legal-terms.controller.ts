import { Body, Controller, Get, Headers, Param, Patch, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, Scopes, type AuthUser } from '@crm/auth';
import { preferredLanguage } from '@crm/common';
import { etagOf, expectedVersion } from '@crm/database';
import { UpdateLegalTermDto } from './dto/update-legal-term.dto.js';
import { LegalTermsService, type LegalTermView } from './legal-terms.service.js';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('legal-terms')
export class LegalTermsController {
  constructor(private readonly terms: LegalTermsService) {}

  @Get()
  @Scopes('tickets:read')
  @ApiOperation({ summary: 'Legal term per PQR class in business days (Ley 1755 de 2015 defaults: 15 general, 10 documents, 30 consultas)' })
  list(@CurrentUser() user: AuthUser, @Headers('accept-language') acceptLanguage: string | undefined) {
    return this.terms.list(user, preferredLanguage(acceptLanguage));
  }

  @Get(':pqrClass')
  @Scopes('tickets:read')
  async get(
    @CurrentUser() user: AuthUser,
    @Param('pqrClass') pqrClass: string,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LegalTermView> {
    const term = await this.terms.get(user, pqrClass, preferredLanguage(acceptLanguage));
    void reply.header('etag', etagOf(term));
    return term;
  }

  @Patch(':pqrClass')
  @Roles('admin')
  @Scopes('tickets:write')
  @ApiOperation({ summary: 'Change the term of a class (admin; send the version); applies to tickets received or re-classified afterwards' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('pqrClass') pqrClass: string,
    @Body() dto: UpdateLegalTermDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LegalTermView> {
    const term = await this.terms.update(user, pqrClass, dto.termDays, expectedVersion(dto.version, ifMatch), preferredLanguage(acceptLanguage));
    void reply.header('etag', etagOf(term));
    return term;
  }
}
