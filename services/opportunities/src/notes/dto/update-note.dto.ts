import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { CreateOpportunityNoteDto } from './create-note.dto.js';

/** Only the author edits a note; `remindAt: null` removes the reminder date. */
export class UpdateOpportunityNoteDto extends PartialType(CreateOpportunityNoteDto) {
  @ApiPropertyOptional({ description: 'The version you edited (or send If-Match).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
