import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A calendar period, both ends inclusive (YYYY-MM-DD). `from` ≤ `to` is checked by the service. */
export class DatePeriodDto {
  @ApiProperty({ example: '2026-01-01' })
  @Matches(DATE, { message: 'from debe ser una fecha AAAA-MM-DD.' })
  from: string;

  @ApiProperty({ example: '2026-03-31' })
  @Matches(DATE, { message: 'to debe ser una fecha AAAA-MM-DD.' })
  to: string;
}
