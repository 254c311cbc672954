import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** Money as the API carries it: a decimal string (never a float) and an ISO-4217 code. */
export class MoneyDto {
  @ApiProperty({ example: '1250000.00', description: 'Decimal string, up to 2 decimals, not negative.' })
  @Matches(/^\d{1,16}(\.\d{1,2})?$/, { message: 'amount debe ser un número decimal como texto, p. ej. "1250000.00" (no negativo, hasta 2 decimales).' })
  amount: string;

  @ApiProperty({ example: 'COP', description: 'ISO-4217' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency debe ser un código ISO 4217 como COP.' })
  currency: string;
}
