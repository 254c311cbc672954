import { Body, Controller, HttpCode, Headers, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource, type EntityManager } from 'typeorm';
import { canWrite, CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { preferredLanguage, Problems, type Language } from '@crm/common';
import { TicketAccessService } from '../tickets/ticket-access.service.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import type { ClockView } from './clock-types.js';
import { ExtendTicketDto } from './dto/extend-ticket.dto.js';
import { LegalSuspensionDto } from './dto/legal-suspension.dto.js';
import { ResumeLegalTermDto } from './dto/resume-legal-term.dto.js';
import { LegalClockActions } from './legal-clock-actions.service.js';
import { LegalActionProblems } from './legal-action-problems.js';
import { TicketClocksService } from './ticket-clocks.service.js';

/** The legal-term actions on a ticket; a ticket the caller may not see is a 404. */
@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets/:id')
export class TicketLegalController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly actions: LegalClockActions,
    private readonly clocks: TicketClocksService,
  ) {}

  @Post('legal-suspension')
  @HttpCode(200)
  @Scopes('tickets:write')
  @ApiOperation({ summary: 'Suspend the legal term: the request is incomplete and the petitioner is asked to complete it (art. 17 Ley 1755)' })
  suspend(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: LegalSuspensionDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<ClockView> {
    const language = preferredLanguage(acceptLanguage);
    return this.act(user, id, async (em, ticket) => this.actions.suspend(em, ticket, user.id, dto.reason.trim(), language, dto.requestedAt ? new Date(dto.requestedAt) : undefined));
  }

  @Post('legal-suspension/resume')
  @HttpCode(200)
  @Scopes('tickets:write')
  @ApiOperation({ summary: 'Resume a suspended legal term (staff); it continues the day after (art. 17)' })
  resume(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ResumeLegalTermDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<ClockView> {
    const language = preferredLanguage(acceptLanguage);
    return this.act(user, id, async (em, ticket) => {
      if (!(await this.actions.resume(em, ticket, user.id, language, dto.answeredAt ? new Date(dto.answeredAt) : undefined))) throw LegalActionProblems.notSuspended(language);
    });
  }

  @Post('extend')
  @HttpCode(200)
  @Scopes('tickets:write')
  @ApiOperation({ summary: 'Extend the legal term before it expires, up to twice the initial term; the petitioner is told the reason and the new date (art. 14 parágrafo)' })
  extend(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ExtendTicketDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<ClockView> {
    const language: Language = preferredLanguage(acceptLanguage);
    return this.act(user, id, async (em, ticket) => this.actions.extend(em, ticket, user.id, dto.reason.trim(), dto.newDate, language));
  }

  private act(user: AuthUser, id: string, action: (em: EntityManager, ticket: Ticket) => Promise<void>): Promise<ClockView> {
    return this.dataSource.transaction(async (em) => {
      const ticket = await this.access.findVisible(user, id, em, true);
      if (!canWrite(user)) throw Problems.forbidden();
      await action(em, ticket);
      return (await this.clocks.views(em, user.tenantId, [ticket.id])).get(ticket.id)!;
    });
  }
}
