import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { ACTIVITY_TYPES, type ActivityType } from '@crm/contracts';

export class CreateActivityDto {
  @ApiProperty({ enum: ACTIVITY_TYPES })
  @IsIn(ACTIVITY_TYPES, { message: 'type debe ser task, call, meeting, visit o email.' })
  type: ActivityType;

  @ApiProperty({ maxLength: 300, example: 'Llamar para revisar la cotización' })
  @IsString({ message: 'subject debe ser texto.' })
  @Matches(/\S/, { message: 'subject no puede estar vacío.' })
  @MaxLength(300, { message: 'subject admite como máximo 300 caracteres.' })
  subject: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString({ message: 'description debe ser texto.' })
  @MaxLength(5000, { message: 'description admite como máximo 5000 caracteres.' })
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Opportunity (its contact is used when contactId is absent).' })
  @IsOptional()
  @IsUUID('all', { message: 'opportunityId debe ser un UUID.' })
  opportunityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'contactId debe ser un UUID.' })
  contactId?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-20T15:00:00-05:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'dueAt debe ser una fecha y hora ISO 8601.' })
  dueAt?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1440 })
  @IsOptional()
  @IsInt({ message: 'durationMinutes debe ser un entero de minutos.' })
  @Min(1, { message: 'durationMinutes debe ser al menos 1.' })
  @Max(1440, { message: 'durationMinutes admite como máximo 1440.' })
  durationMinutes?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 10080, description: 'Remind the assignee this many minutes before dueAt (default: ACTIVITY_REMINDER_MINUTES, 15; 0 = at the due time).' })
  @IsOptional()
  @IsInt({ message: 'reminderMinutesBefore debe ser un entero de minutos.' })
  @Min(0, { message: 'reminderMinutesBefore no puede ser negativo.' })
  @Max(10080, { message: 'reminderMinutesBefore admite como máximo 10080 (una semana).' })
  reminderMinutesBefore?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Who does it (default: you). Delegation keeps createdBy.' })
  @IsOptional()
  @IsUUID('all', { message: 'assignedTo debe ser un UUID.' })
  assignedTo?: string;
}
