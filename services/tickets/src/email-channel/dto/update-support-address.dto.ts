import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Min, ValidateIf } from 'class-validator';
import { PQR_CLASSES, TICKET_PRIORITIES, type PqrClass, type TicketPriority } from '../../tickets/ticket-vocabulary.js';

/** The address itself does not change (delete it and add the new one): its log stays with it. */
export class UpdateSupportAddressDto {
  @ApiPropertyOptional({ enum: PQR_CLASSES })
  @IsOptional()
  @IsIn(PQR_CLASSES)
  pqrClass?: PqrClass;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  categoryId?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  teamId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Current version (or If-Match).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
