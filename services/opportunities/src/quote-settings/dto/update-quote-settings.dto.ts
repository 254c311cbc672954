import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';

/** The whole issuer at once (PUT): absent optional fields are cleared. */
export class UpdateQuoteSettingsDto {
  @ApiProperty({ maxLength: 200, example: 'Dotaciones Andinas S.A.S.' })
  @IsString({ message: 'companyName debe ser texto.' })
  @Matches(/\S/, { message: 'companyName no puede estar vacío.' })
  @MaxLength(200, { message: 'companyName admite como máximo 200 caracteres.' })
  companyName: string;

  @ApiPropertyOptional({ maxLength: 30, example: '900123456-7', description: 'NIT (with check digit) or other tax id.' })
  @IsOptional()
  @IsString({ message: 'taxId debe ser texto.' })
  @Matches(/^[0-9A-Za-z][0-9A-Za-z.\- ]{0,29}$/, { message: 'taxId debe ser un NIT como 900123456-7.' })
  taxId?: string | null;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @IsString({ message: 'address debe ser texto.' })
  @MaxLength(300, { message: 'address admite como máximo 300 caracteres.' })
  address?: string | null;

  @ApiPropertyOptional({ maxLength: 50, example: '+57 604 444 5566' })
  @IsOptional()
  @IsString({ message: 'phone debe ser texto.' })
  @Matches(/^[0-9+()\-. ]{5,50}$/, { message: 'phone debe ser un número de teléfono.' })
  phone?: string | null;

  @ApiPropertyOptional({ maxLength: 254, example: 'ventas@dotacionesandinas.co' })
  @IsOptional()
  @IsEmail({}, { message: 'email debe ser un correo electrónico válido.' })
  @MaxLength(254, { message: 'email admite como máximo 254 caracteres.' })
  email?: string | null;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Printed at the foot of every quote.' })
  @IsOptional()
  @IsString({ message: 'footerTerms debe ser texto.' })
  @MaxLength(2000, { message: 'footerTerms admite como máximo 2000 caracteres.' })
  footerTerms?: string | null;

  @ApiPropertyOptional({ example: 'America/Bogota', description: "IANA time zone: a quote's validity date ends at 00:00 of the next day there." })
  @IsOptional()
  @IsString({ message: 'timeZone debe ser una zona horaria IANA como America/Bogota.' })
  @MaxLength(64, { message: 'timeZone debe ser una zona horaria IANA como America/Bogota.' })
  timeZone?: string;

  @ApiPropertyOptional({ description: 'The version you edited (or If-Match); not needed for the first PUT.' })
  @IsOptional()
  @IsInt({ message: 'version debe ser un entero.' })
  @Min(0, { message: 'version debe ser un entero.' })
  version?: number;
}
