import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf } from 'class-validator';
import { TICKET_PRIORITIES, type TicketPriority } from '@crm/contracts';

export class CreateSlaPolicyDto {
  @ApiProperty({ example: 'Reclamos de facturación, prioridad alta' })
  @IsString()
  @Length(2, 100)
  name: string;

  @ApiProperty({ enum: TICKET_PRIORITIES })
  @IsIn(TICKET_PRIORITIES)
  priority: TicketPriority;

  @ApiPropertyOptional({ nullable: true, description: 'Only tickets of this category (null: any category)' })
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @IsUUID()
  categoryId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Business calendar (null: the tenant default)' })
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @IsUUID()
  calendarId?: string | null;

  @ApiProperty({ description: 'Business minutes to the first public reply', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(525_600)
  firstResponseMinutes: number;

  @ApiProperty({ description: 'Business minutes to close', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(525_600)
  resolutionMinutes: number;

  @ApiPropertyOptional({ default: 75, minimum: 1, maximum: 99 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(99)
  warningPercent?: number;

  @ApiPropertyOptional({ default: false, description: 'On breach, raise the ticket priority one step' })
  @IsOptional()
  @IsBoolean()
  raisePriorityOnBreach?: boolean;
}
