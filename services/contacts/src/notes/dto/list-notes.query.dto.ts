import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@crm/common';
import { NOTE_VISIBILITIES, type NoteVisibility } from '@crm/contracts';

/** Newest first, keyset pages; `visibility=private` lists only your own private notes. */
export class ListNotesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: NOTE_VISIBILITIES })
  @IsOptional()
  @IsIn(NOTE_VISIBILITIES, { message: 'visibility debe ser private o shared.' })
  visibility?: NoteVisibility;
}
