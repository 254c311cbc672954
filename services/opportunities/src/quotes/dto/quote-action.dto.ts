import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

export class QuoteVersionDto {
  @ApiPropertyOptional({ description: 'The version you saw (or send If-Match).' })
  @IsOptional()
  @IsInt({ message: 'version debe ser un entero.' })
  @Min(1, { message: 'version debe ser un entero.' })
  version?: number;
}

export class AcceptQuoteDto extends QuoteVersionDto {
  @ApiPropertyOptional({ default: false, description: 'Also win the opportunity in the same transaction.' })
  @IsOptional()
  @IsBoolean({ message: 'winOpportunity debe ser true o false.' })
  winOpportunity?: boolean;
}

export class RejectQuoteDto extends QuoteVersionDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString({ message: 'reason debe ser texto.' })
  @MaxLength(1000, { message: 'reason admite como máximo 1000 caracteres.' })
  reason?: string;
}
