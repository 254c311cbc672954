import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length } from 'class-validator';
import { TICKET_STATUSES, type TicketStatus } from '../ticket-vocabulary.js';

export class ChangeStatusDto {
  @ApiProperty({ enum: TICKET_STATUSES, description: 'cerrado needs a resolution; from cerrado to another status reopens.' })
  @IsIn(TICKET_STATUSES)
  status: TicketStatus;

  @ApiPropertyOptional({ description: 'Required when closing: the answer given to the requester.' })
  @IsOptional()
  @IsString()
  @Length(1, 20000)
  resolution?: string;

  @ApiPropertyOptional({ description: 'Why it is reopened (optional).' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;

  @ApiPropertyOptional({ description: 'The version you edited (or If-Match).' })
  @IsOptional()
  @IsInt()
  version?: number;
}
