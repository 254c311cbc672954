import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { PQR_CLASSES, TICKET_PRIORITIES, type PqrClass, type TicketPriority } from '../ticket-vocabulary.js';

/**
 * Editable fields. Status goes through POST /tickets/{id}/status and the assignee through
 * POST /tickets/{id}/assign (history and events); the radicado and receivedAt never change.
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

  @ApiPropertyOptional({ description: 'The version you edited (or If-Match).' })
  @IsOptional()
  @IsInt()
  version?: number;
}
