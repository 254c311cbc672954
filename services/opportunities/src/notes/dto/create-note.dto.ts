import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { NOTE_VISIBILITIES, type NoteVisibility } from '@crm/contracts';

export class CreateOpportunityNoteDto {
  @ApiProperty({ example: 'Llamar el lunes: piden descuento por volumen.' })
  @IsString()
  @Length(1, 10_000)
  body: string;

  @ApiPropertyOptional({ enum: NOTE_VISIBILITIES, default: 'shared', description: 'private: only you, on every surface (lists, events, e-mails).' })
  @IsOptional()
  @IsIn(NOTE_VISIBILITIES)
  visibility?: NoteVisibility;

  @ApiPropertyOptional({ description: 'Reminder date (ISO-8601).' })
  @IsOptional()
  @IsDateString()
  remindAt?: string | null;
}
