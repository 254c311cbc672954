import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Min } from 'class-validator';
import { CreateStageDto } from './create-stage.dto.js';

/** Rename, change probability/kind/tab/threshold, or archive (archived: true) a stage. */
export class UpdateStageDto extends PartialType(OmitType(CreateStageDto, ['position'] as const)) {
  @ApiPropertyOptional({ description: 'Archived stages keep their history and deals but take no new ones.' })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;

  @ApiPropertyOptional({ description: 'The version you edited (or send If-Match).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
