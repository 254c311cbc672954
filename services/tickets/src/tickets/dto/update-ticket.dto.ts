import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { RequesterChangesDto } from './requester-changes.dto.js';
import { PQR_CLASSES, TICKET_PRIORITIES, type PqrClass, type TicketPriority } from '../ticket-vocabulary.js';

/**
 * Editable fields. Status goes through POST /tickets/{id}/status and the assignee through
 * POST /tickets/{id}/assign (history and events); the radicado and receivedAt never change.
 * `requester` corrects the requester's data (tickets.ticket.requester_changed).
 */
export class UpdateTicketDto {
  @ApiPropertyOptional({ enum: PQR_CLASSES, description: 'Changing it recomputes the legal term.' })
  @IsOptional()
  @IsIn(PQR_CLASSES)
  pqrClass?: PqrClass;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @IsUUID()
  categoryId?: string | null;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES, description: 'Changing it recomputes the SLA.' })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(3, 300)
  subject?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 20000)
  description?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: RequesterChangesDto, description: "Corrections to the requester's name, e-mail, phone or document (audited in the history)." })
  @IsOptional()
  @ValidateNested()
  @Type(() => RequesterChangesDto)
  requester?: RequesterChangesDto;

  @ApiPropertyOptional({ description: 'The version you edited (or If-Match).' })
  @IsOptional()
  @IsInt()
  version?: number;
}
