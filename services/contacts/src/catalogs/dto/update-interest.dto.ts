import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { CreateInterestDto } from './create-interest.dto.js';

/** `active: false` deactivates (contacts keep it; it cannot be chosen again). */
export class UpdateInterestDto extends PartialType(CreateInterestDto) {
  @ApiPropertyOptional({ description: 'The version you edited (or send If-Match). A stale one gets 412.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
