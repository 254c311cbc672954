import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { PQR_CLASSES, TICKET_CHANNELS, TICKET_PRIORITIES, type PqrClass, type TicketChannel, type TicketPriority } from '../ticket-vocabulary.js';
import { RequesterDto } from './requester.dto.js';

export class CreateTicketDto {
  @ApiProperty({ enum: PQR_CLASSES, description: 'The legal kind of PQR; it decides the legal term.' })
  @IsIn(PQR_CLASSES)
  pqrClass: PqrClass;

  @ApiPropertyOptional({ description: 'A category of /ticket-categories (active).' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES, default: 'media' })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiPropertyOptional({ enum: TICKET_CHANNELS, default: 'web', description: 'How the PQR arrived.' })
  @IsOptional()
  @IsIn(TICKET_CHANNELS)
  channel?: TicketChannel;

  @ApiProperty({ maxLength: 300 })
  @IsString()
  @Length(3, 300)
  subject: string;

  @ApiProperty({ maxLength: 20000 })
  @IsString()
  @Length(1, 20000)
  description: string;

  @ApiPropertyOptional({ description: 'The requester when they are a contact (then `requester` is not sent).' })
  @IsOptional()
  @IsUUID()
  contactId?: string;

  @ApiPropertyOptional({ type: RequesterDto, description: 'The requester when they are not a contact.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RequesterDto)
  requester?: RequesterDto;

  @ApiPropertyOptional({ description: 'An active user of the tenant; otherwise the team rule may pick one.' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional({ description: 'Defaults to your first team.' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ description: 'When the PQR was really received (paper, phone); defaults to now; never in the future.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedAt?: string;
}
