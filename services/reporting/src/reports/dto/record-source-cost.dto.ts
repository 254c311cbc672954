import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsUUID, Matches } from 'class-validator';

/** What a source cost over a period (CAC's numerator). */
export class RecordSourceCostDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  sourceId: string;

  @ApiProperty({ example: '2026-03-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from debe ser una fecha AAAA-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from debe ser un día que exista en el calendario.' })
  from: string;

  @ApiProperty({ example: '2026-03-31' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to debe ser una fecha AAAA-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'to debe ser un día que exista en el calendario.' })
  to: string;

  @ApiProperty({ example: '1500000.00' })
  @Matches(/^\d{1,15}(\.\d{1,4})?$/, { message: 'amount debe ser un número decimal positivo como texto, p. ej. "1500000.00"' })
  amount: string;

  @ApiProperty({ example: 'COP' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency debe ser un código ISO-4217, p. ej. COP' })
  currency: string;
}
