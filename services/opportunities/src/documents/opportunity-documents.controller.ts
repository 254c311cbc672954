import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX, PageQueryDto } from '@crm/common';
import { readUploadedFile } from '@crm/storage';
import { OpportunityDocumentsService } from './opportunity-documents.service.js';

@ApiTags('opportunity documents')
@ApiBearerAuth()
@Controller('opportunities/:opportunityId/documents')
export class OpportunityDocumentsController {
  constructor(private readonly documents: OpportunityDocumentsService) {}

  @Post()
  @Scopes('opportunities:write')
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Upload a file (multipart field "file"); type judged by its bytes; 413 over the size limit, 415 for a type not allowed' })
  async upload(@CurrentUser() user: AuthUser, @Param('opportunityId') opportunityId: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const document = await this.documents.upload(user, opportunityId, await readUploadedFile(request));
    void reply.status(201).header('location', `/${API_PREFIX}/opportunities/${opportunityId}/documents/${document.id}`);
    return document;
  }

  @Get()
  @Scopes('opportunities:read')
  @ApiOperation({ summary: 'The files of the opportunity, newest first (keyset: limit, cursor → nextCursor)' })
  list(@CurrentUser() user: AuthUser, @Param('opportunityId') opportunityId: string, @Query() page: PageQueryDto) {
    return this.documents.list(user, opportunityId, page);
  }

  @Get(':documentId/download')
  @Scopes('opportunities:read')
  @ApiOperation({ summary: 'A short-lived (5 min) download link' })
  download(@CurrentUser() user: AuthUser, @Param('opportunityId') opportunityId: string, @Param('documentId') documentId: string) {
    return this.documents.downloadLink(user, opportunityId, documentId);
  }

  @Delete(':documentId')
  @HttpCode(204)
  @Scopes('opportunities:write')
  async remove(@CurrentUser() user: AuthUser, @Param('opportunityId') opportunityId: string, @Param('documentId') documentId: string): Promise<void> {
    await this.documents.remove(user, opportunityId, documentId);
  }
}
