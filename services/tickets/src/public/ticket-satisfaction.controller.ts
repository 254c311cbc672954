import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { TicketAccessService } from '../tickets/ticket-access.service.js';
import { SatisfactionService, type StaffSatisfactionView } from './satisfaction.service.js';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets/:ticketId/satisfaction')
export class TicketSatisfactionController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TicketAccessService,
    private readonly satisfaction: SatisfactionService,
  ) {}

  @Get()
  @Scopes('tickets:read')
  @ApiOperation({ summary: "The requester's rating of a ticket you can see, with its legal and SLA outcome; 404 when not rated (or not visible)" })
  async get(@CurrentUser() user: AuthUser, @Param('ticketId', ParseUUIDPipe) ticketId: string): Promise<StaffSatisfactionView> {
    const ticket = await this.access.findReadable(user, ticketId);
    const found = await this.satisfaction.findForStaff(this.dataSource.manager, ticket);
    if (!found) throw Problems.notFound('El solicitante aún no ha calificado esta PQR.');
    return found;
  }
}
