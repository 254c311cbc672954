import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { PQR_CLASSES, TICKET_PRIORITIES, type PqrClass, type TicketPriority } from '../../tickets/ticket-vocabulary.js';

export class CreateSupportAddressDto {
  @ApiProperty({ example: 'soporte@empresa.co', description: 'The address customers write to; unique across the platform (the SMTP listener decides the company by it).' })
  @IsEmail({ allow_display_name: false, require_tld: false })
  @MaxLength(254)
  address: string;

  @ApiPropertyOptional({ enum: PQR_CLASSES, default: 'peticion_general', description: 'Class of the PQRs this address opens (staff can reclassify).' })
  @IsOptional()
  @IsIn(PQR_CLASSES)
  pqrClass?: PqrClass;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES, default: 'media' })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiPropertyOptional({ description: 'An active category of /ticket-categories.' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({ description: 'Team that receives them (its assignment rule picks the agent).' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ default: true, description: 'false: mail to it is refused (550) until reactivated.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
