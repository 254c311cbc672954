import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

/** Money as a decimal string (never a float) and an ISO-4217 currency (the tenant's, COP, by default). */
export class MoneyDto {
  @ApiProperty({ example: '12500000.00', description: 'Decimal string, up to 16 digits and 2 decimals.' })
  @IsString()
  @Matches(/^\d{1,16}(\.\d{1,2})?$/, { message: 'amount debe ser un número decimal como texto, p. ej. "12500000.00".' })
  amount: string;

  @ApiPropertyOptional({ example: 'COP', default: 'COP' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency debe ser un código ISO-4217 como COP o USD.' })
  @IsString()
  currency?: string;
}
