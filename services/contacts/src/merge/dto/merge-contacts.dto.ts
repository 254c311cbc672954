import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsObject, IsOptional, IsUUID, Min } from 'class-validator';
import { MERGEABLE_FIELDS } from '../merge-plan.js';

export const MAX_MERGE_DUPLICATES = 10;

/** POST /contacts/merge. */
export class MergeContactsDto {
  @ApiProperty({ description: 'The contact that survives (keeps its id, lifecycle, owner and team).' })
  @IsUUID()
  primaryId: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: MAX_MERGE_DUPLICATES, description: 'The contacts merged into the primary (1 to 10, same kind as the primary).' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MERGE_DUPLICATES)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  duplicateIds: string[];

  @ApiPropertyOptional({ default: false, description: 'Only show the merged result and what would move; nothing changes.' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', format: 'uuid' },
    description: `Which contact's value wins, per field: { "city": "<contactId>" }. Fields: ${MERGEABLE_FIELDS.join(', ')}. Without a choice, empty fields of the primary are filled from the duplicates in the order given.`,
  })
  @IsOptional()
  @IsObject()
  fields?: Record<string, string>;

  @ApiPropertyOptional({ description: "The primary's version you saw (or send If-Match); required unless dryRun. A stale one gets 412." })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
