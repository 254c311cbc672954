import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length } from 'class-validator';

/** Title and text only: the scope (and team) of a canned response never changes. */
export class UpdateCannedResponseDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(2, 120)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 10_000)
  body?: string;

  @ApiPropertyOptional({ description: 'The version you edited (or If-Match).' })
  @IsOptional()
  @IsInt()
  version?: number;
}
