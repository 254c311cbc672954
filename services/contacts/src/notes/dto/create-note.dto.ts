import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { NOTE_REMINDER_AUDIENCES, NOTE_VISIBILITIES, type NoteReminderAudience, type NoteVisibility } from '@crm/contracts';

export const NOTE_BODY_MAX_LENGTH = 10_000;

export class CreateNoteDto {
  @ApiProperty({ maxLength: NOTE_BODY_MAX_LENGTH, example: 'Llamar el martes: quiere cotización de 20 licencias.' })
  @IsString({ message: 'body debe ser texto.' })
  @Matches(/\S/, { message: 'body no puede estar vacío.' })
  @MaxLength(NOTE_BODY_MAX_LENGTH, { message: `body admite como máximo ${NOTE_BODY_MAX_LENGTH} caracteres.` })
  body: string;

  @ApiPropertyOptional({ enum: NOTE_VISIBILITIES, default: 'shared', description: 'private: only you see it, anywhere. shared: everyone who sees the contact.' })
  @IsOptional()
  @IsIn(NOTE_VISIBILITIES, { message: 'visibility debe ser private o shared.' })
  visibility?: NoteVisibility;

  @ApiPropertyOptional({ format: 'uuid', description: 'An interest (product or service) of your catalogue.' })
  @IsOptional()
  @IsUUID('all', { message: 'interestId debe ser un UUID.' })
  interestId?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-20T14:00:00Z', description: 'Fecha de aviso: when to remind (ISO 8601, not in the past).' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'remindAt debe ser una fecha y hora ISO 8601.' })
  remindAt?: string;

  @ApiPropertyOptional({ enum: NOTE_REMINDER_AUDIENCES, default: 'author', description: "Who is reminded: you (author) or every user of the contact's team (team, shared notes only)." })
  @IsOptional()
  @IsIn(NOTE_REMINDER_AUDIENCES, { message: 'remindAudience debe ser author o team.' })
  remindAudience?: NoteReminderAudience;
}
