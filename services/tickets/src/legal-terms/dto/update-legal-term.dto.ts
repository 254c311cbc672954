import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class UpdateLegalTermDto {
  @ApiProperty({ description: 'Business days to answer a PQR of this class', minimum: 1, maximum: 365 })
  @IsInt()
  @Min(1)
  @Max(365)
  termDays: number;

  @ApiPropertyOptional({ description: 'The version you edited (or If-Match).' })
  @IsOptional()
  @IsInt()
  version?: number;
}
