import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class SatisfactionDto {
  @ApiProperty({ enum: [1, 2, 3, 4, 5], description: '1 very unsatisfied … 5 very satisfied' })
  @IsIn([1, 2, 3, 4, 5])
  rating: 1 | 2 | 3 | 4 | 5;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
