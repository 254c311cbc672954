import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { CreateQuoteDto } from './create-quote.dto.js';

/** Any of lines, validUntil, terms; `version` (or If-Match) is required. */
export class UpdateQuoteDto extends PartialType(CreateQuoteDto) {
  @ApiPropertyOptional({ description: 'The version you edited (or send If-Match).' })
  @IsOptional()
  @IsInt({ message: 'version debe ser un entero.' })
  @Min(1, { message: 'version debe ser un entero.' })
  version?: number;
}
