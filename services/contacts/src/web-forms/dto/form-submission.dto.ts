import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { PHONE_PATTERN } from '../../contacts/dto/contact-channel.dto.js';

/**
 * What a public form may send. Unknown fields are refused by the global validation (400); the
 * fields the form does not allow are refused by the service. `website_url` is the honeypot.
 */
export class FormSubmissionDto {
  @ApiProperty({ example: 'Ana' })
  @IsString()
  @Length(1, 120)
  firstName: string;

  @ApiPropertyOptional({ example: 'Martínez' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  lastName?: string;

  @ApiProperty({ example: 'ana@empresa.co' })
  @IsEmail({}, { message: 'email debe ser un correo electrónico válido' })
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: '+57 300 123 4567' })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: 'phone debe ser un número de teléfono' })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  companyName?: string;

  @ApiPropertyOptional({ description: 'Cargo' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  position?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(120)
  city?: string;

  @ApiPropertyOptional({ example: 'CO' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country debe ser un código ISO 3166-1 alfa-2' })
  country?: string;

  @ApiPropertyOptional({ description: 'Free text for the sales team; kept on the contact’s timeline.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  message?: string;

  @ApiPropertyOptional({ description: 'Checkbox "acepto recibir comunicaciones": records consent with channel web-form.' })
  @IsOptional()
  @IsBoolean()
  acceptsMarketing?: boolean;

  @ApiPropertyOptional({ description: 'Honeypot: a hidden input that must stay empty.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  website_url?: string;
}
