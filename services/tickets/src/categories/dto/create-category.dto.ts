import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class CreateCategoryDto {
  @ApiProperty({ example: 'Garantías' })
  @IsString()
  @Length(2, 100)
  nameEs: string;

  @ApiPropertyOptional({ example: 'Warranties' })
  @IsOptional()
  @IsString()
  @Length(2, 100)
  nameEn?: string;

  @ApiPropertyOptional({ description: 'Order in pick lists (ascending).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  position?: number;
}
