import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX } from '@crm/common';
import { readUploadedFile } from '@crm/storage';
import { DocumentsService, type DocumentView } from './documents.service.js';

@ApiTags('contact documents')
@ApiBearerAuth()
@Controller('contacts/:contactId/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @Scopes('contacts:write')
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Upload a document (multipart field "file"); type judged by its bytes; 413 over the size limit, 415 for a type not allowed' })
  async upload(
    @CurrentUser() user: AuthUser,
    @Param('contactId', ParseUUIDPipe) contactId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DocumentView> {
    const document = await this.documents.upload(user, contactId, await readUploadedFile(request));
    void reply.status(201).header('location', `/${API_PREFIX}/contacts/${contactId}/documents/${document.id}`);
    return document;
  }

  @Get()
  @Scopes('contacts:read')
  list(@CurrentUser() user: AuthUser, @Param('contactId', ParseUUIDPipe) contactId: string) {
    return this.documents.list(user, contactId);
  }

  @Get(':documentId/download')
  @Scopes('contacts:read')
  @ApiOperation({ summary: 'A short-lived (5 min) download link for the document' })
  download(@CurrentUser() user: AuthUser, @Param('contactId', ParseUUIDPipe) contactId: string, @Param('documentId', ParseUUIDPipe) documentId: string) {
    return this.documents.downloadLink(user, contactId, documentId);
  }

  @Delete(':documentId')
  @HttpCode(204)
  @Scopes('contacts:write')
  async remove(@CurrentUser() user: AuthUser, @Param('contactId', ParseUUIDPipe) contactId: string, @Param('documentId', ParseUUIDPipe) documentId: string): Promise<void> {
    await this.documents.remove(user, contactId, documentId);
  }
}
