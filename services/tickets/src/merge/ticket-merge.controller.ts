import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { MergeTicketsDto } from './dto/merge-tickets.dto.js';
import type { MergeResultView } from './merge-result.view.js';
import { TicketMergeService } from './ticket-merge.service.js';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets/:ticketId/merge')
export class TicketMergeController {
  constructor(private readonly merges: TicketMergeService) {}

  @Post()
  @HttpCode(200)
  @Scopes('tickets:write')
  @ApiOperation({
    summary:
      'Merge a duplicate PQR of the same requester into this one: dryRun answers what would happen; the merge moves messages and files, closes the duplicate with a link, keeps the earliest reception date (legal due date recomputed) and e-mails the requester the radicado that stays',
  })
  merge(
    @CurrentUser() user: AuthUser,
    @Param('ticketId', ParseUUIDPipe) ticketId: string,
    @Body() dto: MergeTicketsDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<MergeResultView> {
    const match = ifMatch?.trim().match(/^(?:W\/)?"?(\d+)"?$/);
    return this.merges.merge(user, ticketId, {
      duplicateTicketId: dto.duplicateTicketId,
      dryRun: dto.dryRun ?? false,
      version: dto.version ?? (match ? Number(match[1]) : undefined),
      duplicateVersion: dto.duplicateVersion,
    });
  }
}
