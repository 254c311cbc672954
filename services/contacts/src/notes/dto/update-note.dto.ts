import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { NOTE_REMINDER_AUDIENCES, NOTE_VISIBILITIES, type NoteReminderAudience, type NoteVisibility } from '@crm/contracts';
import { NOTE_BODY_MAX_LENGTH } from './create-note.dto.js';

/** Sent fields are validated, null included (only interestId and remindAt may be cleared). */
const PRESENT = (_dto: object, value: unknown) => value !== undefined;
const PRESENT_NOT_NULL = (_dto: object, value: unknown) => value !== undefined && value !== null;

/** Every field optional; `null` clears interestId and the reminder (remindAt). */
export class UpdateNoteDto {
  @ApiPropertyOptional({ maxLength: NOTE_BODY_MAX_LENGTH })
  @ValidateIf(PRESENT)
  @IsString({ message: 'body debe ser texto.' })
  @Matches(/\S/, { message: 'body no puede estar vacío.' })
  @MaxLength(NOTE_BODY_MAX_LENGTH, { message: `body admite como máximo ${NOTE_BODY_MAX_LENGTH} caracteres.` })
  body?: string;

  @ApiPropertyOptional({ enum: NOTE_VISIBILITIES })
  @ValidateIf(PRESENT)
  @IsIn(NOTE_VISIBILITIES, { message: 'visibility debe ser private o shared.' })
  visibility?: NoteVisibility;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @ValidateIf(PRESENT_NOT_NULL)
  @IsUUID('all', { message: 'interestId debe ser un UUID.' })
  interestId?: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'A new date schedules a new reminder; null removes it.' })
  @ValidateIf(PRESENT_NOT_NULL)
  @IsISO8601({ strict: true }, { message: 'remindAt debe ser una fecha y hora ISO 8601.' })
  remindAt?: string | null;

  @ApiPropertyOptional({ enum: NOTE_REMINDER_AUDIENCES })
  @ValidateIf(PRESENT)
  @IsIn(NOTE_REMINDER_AUDIENCES, { message: 'remindAudience debe ser author o team.' })
  remindAudience?: NoteReminderAudience;

  @ApiPropertyOptional({ description: 'The version you edited (or send If-Match). A stale one gets 412.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
