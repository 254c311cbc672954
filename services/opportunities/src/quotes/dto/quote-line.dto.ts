import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

const QUANTITY = /^\d{1,9}(\.\d{1,4})?$/;
const PRICE = /^\d{1,14}(\.\d{1,4})?$/;
/** 0 to 100 with up to 2 decimals. */
const PERCENT = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;

/** One line: decimal strings only (never JSON numbers), so no float ever touches the money. */
export class QuoteLineDto {
  @ApiProperty({ maxLength: 500, example: 'Licencia anual ERP (usuario)' })
  @IsString({ message: 'description debe ser texto.' })
  @Matches(/\S/, { message: 'description no puede estar vacía.' })
  @MaxLength(500, { message: 'description admite como máximo 500 caracteres.' })
  description: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Product/service (interest) of the contacts catalogue this line sells.' })
  @IsOptional()
  @IsUUID('all', { message: 'interestId debe ser un UUID.' })
  interestId?: string;

  @ApiProperty({ example: '3', description: 'Decimal string, up to 4 decimals, > 0.' })
  @IsString({ message: 'quantity debe ser un número decimal como texto, p. ej. "2.5".' })
  @Matches(QUANTITY, { message: 'quantity debe ser un número decimal como texto, p. ej. "2.5" (hasta 4 decimales).' })
  @Matches(/[1-9]/, { message: 'quantity debe ser mayor que cero.' })
  quantity: string;

  @ApiProperty({ example: '1250000.00', description: 'Decimal string, up to 4 decimals.' })
  @IsString({ message: 'unitPrice debe ser un número decimal como texto, p. ej. "1250000.00".' })
  @Matches(PRICE, { message: 'unitPrice debe ser un número decimal como texto, p. ej. "1250000.00" (hasta 4 decimales).' })
  unitPrice: string;

  @ApiPropertyOptional({ example: '10', default: '0' })
  @IsOptional()
  @IsString({ message: 'discountPercent debe ser un porcentaje como texto entre "0" y "100".' })
  @Matches(PERCENT, { message: 'discountPercent debe ser un porcentaje como texto entre "0" y "100" (hasta 2 decimales).' })
  discountPercent?: string;

  @ApiPropertyOptional({ example: '19', default: '19', description: 'IVA; 19 % (general rate) when omitted.' })
  @IsOptional()
  @IsString({ message: 'taxPercent debe ser un porcentaje como texto entre "0" y "100".' })
  @Matches(PERCENT, { message: 'taxPercent debe ser un porcentaje como texto entre "0" y "100" (hasta 2 decimales).' })
  taxPercent?: string;
}
