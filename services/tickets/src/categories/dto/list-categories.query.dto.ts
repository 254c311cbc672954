import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ListCategoriesQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'true', description: 'false lists retired categories too.' })
  @IsOptional()
  @IsIn(['true', 'false'])
  active?: 'true' | 'false';
}
