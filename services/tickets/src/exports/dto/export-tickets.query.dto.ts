import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ListTicketsQueryDto } from '../../tickets/dto/list-tickets.query.dto.js';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_DELIMITERS = [';', ','] as const;

/** The list's filters, search and sort, without paging: an export walks the list up to the cap. */
export class ExportTicketsQueryDto extends OmitType(ListTicketsQueryDto, ['limit', 'cursor'] as const) {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat = 'csv';

  @ApiPropertyOptional({ enum: EXPORT_DELIMITERS, default: ';', description: 'CSV separator: ";" (Excel in Spanish locales) or ","' })
  @IsOptional()
  @IsIn(EXPORT_DELIMITERS)
  delimiter: (typeof EXPORT_DELIMITERS)[number] = ';';
}
