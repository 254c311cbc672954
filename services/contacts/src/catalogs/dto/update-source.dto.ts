import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { CreateSourceDto } from './create-source.dto.js';

/** `active: false` deactivates (contacts keep it; it cannot be chosen again). null clears notes, cost, period. */
export class UpdateSourceDto extends PartialType(CreateSourceDto) {
  @ApiPropertyOptional({ description: 'The version you edited (or send If-Match). A stale one gets 412.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
