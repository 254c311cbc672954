import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX, PageQueryDto } from '@crm/common';
import { expectedVersion } from '@crm/database';
import { UpdateOpportunityNoteDto } from './dto/update-note.dto.js';
import { CreateOpportunityNoteDto } from './dto/create-note.dto.js';
import { OpportunityNotesService } from './opportunity-notes.service.js';

@ApiTags('opportunity notes')
@ApiBearerAuth()
@Controller('opportunities/:opportunityId/notes')
export class OpportunityNotesController {
  constructor(private readonly notes: OpportunityNotesService) {}

  @Post()
  @Scopes('opportunities:write')
  @ApiOperation({ summary: 'Add a note (shared, or private = only you everywhere); counts as activity' })
  async create(@CurrentUser() user: AuthUser, @Param('opportunityId') opportunityId: string, @Body() dto: CreateOpportunityNoteDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const note = await this.notes.create(user, opportunityId, dto);
    void reply.status(201).header('location', `/${API_PREFIX}/opportunities/${opportunityId}/notes/${note.id}`);
    return note;
  }

  @Get()
  @Scopes('opportunities:read')
  @ApiOperation({ summary: 'Shared notes and your private ones, newest first (keyset: limit, cursor → nextCursor)' })
  list(@CurrentUser() user: AuthUser, @Param('opportunityId') opportunityId: string, @Query() page: PageQueryDto) {
    return this.notes.list(user, opportunityId, page);
  }

  @Patch(':noteId')
  @Scopes('opportunities:write')
  @ApiOperation({ summary: 'Edit your note (body, visibility, remindAt); needs version or If-Match' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('opportunityId') opportunityId: string,
    @Param('noteId') noteId: string,
    @Body() dto: UpdateOpportunityNoteDto,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    const { version, ...changes } = dto;
    return this.notes.update(user, opportunityId, noteId, changes, expectedVersion(version, ifMatch));
  }

  @Delete(':noteId')
  @HttpCode(204)
  @Scopes('opportunities:write')
  async remove(@CurrentUser() user: AuthUser, @Param('opportunityId') opportunityId: string, @Param('noteId') noteId: string): Promise<void> {
    await this.notes.remove(user, opportunityId, noteId);
  }
}
