import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { TicketAccessService } from '../tickets/ticket-access.service.js';
import { InboundEmailLogService } from './inbound-email-log.service.js';
import type { InboundEmailView } from './inbound-email.view.js';

/** The e-mails behind a ticket, for whoever may see the ticket (404 otherwise, as everywhere). */
@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets/:ticketId/emails')
export class TicketEmailsController {
  constructor(
    private readonly access: TicketAccessService,
    private readonly log: InboundEmailLogService,
  ) {}

  @Get()
  @Scopes('tickets:read')
  @ApiOperation({ summary: 'E-mails that opened or answered the ticket: sender, Message-ID, SPF/DKIM/DMARC as reported, files refused' })
  async list(@CurrentUser() user: AuthUser, @Param('ticketId', ParseUUIDPipe) ticketId: string): Promise<{ items: InboundEmailView[] }> {
    const ticket = await this.access.findReadable(user, ticketId);
    return this.log.ofTicket(user.tenantId, ticket.id);
  }
}
