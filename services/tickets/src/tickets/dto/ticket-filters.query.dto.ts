import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ListFilter, UUID_OR_NONE } from '@crm/common';
import { SLA_STATES, type SlaState } from '@crm/contracts';
import { PQR_CLASSES, TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES, type PqrClass, type TicketChannel, type TicketPriority, type TicketStatus } from '../ticket-vocabulary.js';

/** The search box and filters of the ticket list; the export takes the same. */
export class TicketFiltersQueryDto {
  @ApiPropertyOptional({ description: 'Search: radicado, subject, requester name, e-mail or document. Accents and case do not matter. At least 3 characters.', minLength: 3 })
  @IsOptional()
  @IsString()
  @Length(3, 100)
  q?: string;

  @ListFilter('abierto, en_proceso, pendiente, cerrado.', IsIn(TICKET_STATUSES, { each: true }))
  status?: TicketStatus[];

  @ListFilter('PQR class.', IsIn(PQR_CLASSES, { each: true }))
  pqrClass?: PqrClass[];

  @ListFilter('Category ids.', IsUUID('all', { each: true }))
  categoryId?: string[];

  @ListFilter('alta, media, baja.', IsIn(TICKET_PRIORITIES, { each: true }))
  priority?: TicketPriority[];

  @ListFilter('Assignee user ids; "none" for unassigned.', Matches(UUID_OR_NONE, { each: true, message: 'assigneeId debe ser un UUID o "none".' }))
  assigneeId?: string[];

  @ListFilter('Team ids.', IsUUID('all', { each: true }))
  teamId?: string[];

  @ListFilter('Requester contact ids.', IsUUID('all', { each: true }))
  contactId?: string[];

  @ListFilter('web, email, telefono, presencial, chat, erp.', IsIn(TICKET_CHANNELS, { each: true }))
  channel?: TicketChannel[];

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only duplicates merged into another ticket (closed, read-only); false: leave them out. Default: both.' })
  @IsOptional()
  @IsIn(['true', 'false'])
  merged?: 'true' | 'false';

  @ListFilter('Primary ticket ids: the duplicates merged into them.', IsUUID('all', { each: true }))
  mergedIntoId?: string[];

  @ApiPropertyOptional({ description: 'Legal due date before this time (ISO).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueBefore?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: past the legal due date and not answered.' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ enum: SLA_STATES })
  @IsOptional()
  @IsIn(SLA_STATES)
  slaState?: SlaState;
}
