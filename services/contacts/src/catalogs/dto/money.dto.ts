import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** Money as the API carries it: a decimal string (never a float) and an ISO-4217 code. */
export class MoneyDto {
  @ApiProperty({ example: '1250000.00', description: 'Decimal string, up to 2 decimals, not negative.' })
  @Matches(/^\d{1,16}(\.\d{1,2})?$/, { message: 'amount must be a decimal string such as "1250000.00" (not negative, up to 2 decimals)' })
  amount: string;

  @ApiProperty({ example: 'COP', description: 'ISO-4217' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO-4217 code such as COP' })
  currency: string;
}
