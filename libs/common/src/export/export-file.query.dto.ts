import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_DELIMITERS = [';', ','] as const;

/** The file part of an export query; a service joins it to its list's filters (IntersectionType). */
export class ExportFileQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat = 'csv';

  @ApiPropertyOptional({ enum: EXPORT_DELIMITERS, default: ';', description: 'CSV separator: ";" (Excel in Spanish locales) or ","' })
  @IsOptional()
  @IsIn(EXPORT_DELIMITERS)
  delimiter: (typeof EXPORT_DELIMITERS)[number] = ';';
}
