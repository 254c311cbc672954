import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ListOpportunitiesQueryDto } from './list-opportunities.query.dto.js';

export class ExportOpportunitiesQueryDto extends OmitType(ListOpportunitiesQueryDto, ['limit', 'cursor'] as const) {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format: 'csv' | 'xlsx' = 'csv';

  @ApiPropertyOptional({ enum: [';', ','], default: ';', description: 'CSV separator (";" for Excel in Spanish).' })
  @IsOptional()
  @IsIn([';', ','])
  delimiter: ';' | ',' = ';';
}
