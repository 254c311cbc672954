import { Body, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX } from '@crm/common';
import { etagOf, expectedVersion } from '@crm/database';
import { CreateNoteDto } from './dto/create-note.dto.js';
import { ListNotesQueryDto } from './dto/list-notes.query.dto.js';
import { UpdateNoteDto } from './dto/update-note.dto.js';
import type { NoteView } from './note.view.js';
import type { NoteParentKind, NotesService } from './notes.service.js';

/**
 * The notes routes, mounted twice: under /contacts/{id}/notes and /companies/{id}/notes (a
 * company is a contact of kind organization). Subclasses only set the path and the parent kind.
 */
export abstract class NotesControllerBase {
  protected abstract readonly parent: NoteParentKind;
  protected abstract readonly basePath: string;

  constructor(protected readonly notes: NotesService) {}

  @Get()
  @Scopes('contacts:read')
  @ApiOperation({ summary: 'Notes you can see on it: shared ones and your own private ones (newest first, keyset pages)' })
  list(@CurrentUser() user: AuthUser, @Param('contactId', ParseUUIDPipe) contactId: string, @Query() query: ListNotesQueryDto) {
    return this.notes.list(user, this.parent, contactId, query);
  }

  @Post()
  @Scopes('contacts:write')
  @ApiOperation({ summary: 'Add a note: private (only you) or shared, optional interest and reminder date (fecha de aviso)' })
  async create(
    @CurrentUser() user: AuthUser,
    @Param('contactId', ParseUUIDPipe) contactId: string,
    @Body() dto: CreateNoteDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NoteView> {
    const note = await this.notes.create(user, this.parent, contactId, dto);
    void reply.status(201).header('location', `/${API_PREFIX}/${this.basePath}/${contactId}/notes/${note.id}`).header('etag', etagOf(note));
    return note;
  }

  @Get(':noteId')
  @Scopes('contacts:read')
  async get(
    @CurrentUser() user: AuthUser,
    @Param('contactId', ParseUUIDPipe) contactId: string,
    @Param('noteId', ParseUUIDPipe) noteId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NoteView> {
    const note = await this.notes.get(user, this.parent, contactId, noteId);
    void reply.header('etag', etagOf(note));
    return note;
  }

  @Patch(':noteId')
  @Scopes('contacts:write')
  @ApiOperation({ summary: 'Edit your note; send the version you edited (body or If-Match), a stale one gets 412. Author only.' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('contactId', ParseUUIDPipe) contactId: string,
    @Param('noteId', ParseUUIDPipe) noteId: string,
    @Body() dto: UpdateNoteDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NoteView> {
    const { version, ...changes } = dto;
    const note = await this.notes.update(user, this.parent, contactId, noteId, changes, expectedVersion(version, ifMatch));
    void reply.header('etag', etagOf(note));
    return note;
  }

  @Delete(':noteId')
  @HttpCode(204)
  @Scopes('contacts:write')
  @ApiOperation({ summary: 'Delete your note (author only); with If-Match, a stale version gets 412' })
  @ApiHeader({ name: 'If-Match', required: false })
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('contactId', ParseUUIDPipe) contactId: string,
    @Param('noteId', ParseUUIDPipe) noteId: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.notes.remove(user, this.parent, contactId, noteId, ifMatch === undefined ? undefined : expectedVersion(undefined, ifMatch));
  }
}
