import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { QuoteLineDto } from './quote-line.dto.js';

export const QUOTE_MAX_LINES = 200;

/** Contact and currency come from the opportunity; the client sends lines, validity and terms. */
export class CreateQuoteDto {
  @ApiProperty({ type: [QuoteLineDto] })
  @IsArray({ message: 'lines debe ser una lista.' })
  @ArrayMinSize(1, { message: 'lines debe tener al menos una línea.' })
  @ArrayMaxSize(QUOTE_MAX_LINES, { message: `lines admite como máximo ${QUOTE_MAX_LINES} líneas.` })
  @ValidateNested({ each: true })
  @Type(() => QuoteLineDto)
  lines: QuoteLineDto[];

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Valid until (YYYY-MM-DD); default 30 days from today.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'validUntil debe ser una fecha AAAA-MM-DD.' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validUntil debe ser una fecha AAAA-MM-DD.' })
  validUntil?: string;

  @ApiPropertyOptional({ maxLength: 5000, example: 'Pago a 30 días. Precios en pesos colombianos.' })
  @IsOptional()
  @IsString({ message: 'terms debe ser texto.' })
  @MaxLength(5000, { message: 'terms admite como máximo 5000 caracteres.' })
  terms?: string;
}
