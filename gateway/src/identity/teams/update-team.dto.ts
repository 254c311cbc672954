import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, MaxLength, Min, ValidateIf } from 'class-validator';

export class UpdateTeamDto {
  @ApiPropertyOptional({ description: 'Version you edited (alternative: If-Match header)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(1000)
  description?: string | null;
}
