import { ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { CreateActivityDto } from './create-activity.dto.js';

/**
 * `PATCH /activities/{id}`: what may change on a pending activity. `dueAt`, `description`,
 * `durationMinutes` and `reminderMinutesBefore` take `null` (no due time / clear / the default
 * minutes); `subject` cannot be blank. A new due time or reminder minutes re-arms the reminder.
 * Reassignment, the type and the links (opportunity, contact) are not edited here.
 */
export class UpdateActivityDto extends PartialType(PickType(CreateActivityDto, ['subject', 'description', 'dueAt', 'durationMinutes', 'reminderMinutesBefore'] as const)) {
  @ApiPropertyOptional({ description: 'The version you edited (or send If-Match).' })
  @IsOptional()
  @IsInt({ message: 'version debe ser un entero.' })
  @Min(1, { message: 'version debe ser un entero.' })
  version?: number;
}
