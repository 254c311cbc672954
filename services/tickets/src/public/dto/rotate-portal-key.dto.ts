import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';

export class RotatePortalKeyDto {
  @ApiPropertyOptional({ description: 'Current version (or If-Match).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
