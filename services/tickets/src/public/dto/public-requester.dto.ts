import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { PHONE_PATTERN } from '../../tickets/dto/requester.dto.js';
import { DOCUMENT_TYPES, type DocumentType } from '../../tickets/ticket-vocabulary.js';

/** The petitioner on the public page: the e-mail is required (it is where the answer goes). */
export class PublicRequesterDto {
  @ApiProperty({ example: 'María Pérez' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ enum: DOCUMENT_TYPES })
  @IsOptional()
  @IsIn(DOCUMENT_TYPES)
  documentType?: DocumentType;

  @ApiPropertyOptional({ example: '1020304050' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z.-]{3,20}$/, { message: 'documentNumber debe tener de 3 a 20 letras, dígitos, puntos o guiones.' })
  documentNumber?: string;

  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: '+57 300 123 4567' })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: 'phone debe ser un número de teléfono (dígitos, espacios, +, guiones o paréntesis).' })
  phone?: string;

  @ApiPropertyOptional({ enum: ['es', 'en'], default: 'es' })
  @IsOptional()
  @IsIn(['es', 'en'])
  language?: 'es' | 'en';
}
