import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { DOCUMENT_TYPES, type DocumentType } from '../ticket-vocabulary.js';

export const PHONE_PATTERN = /^\+?[0-9 ()-]{7,20}$/;

/** A requester who is not (yet) a contact: enough to answer them and identify them legally. */
export class RequesterDto {
  @ApiProperty({ example: 'María Pérez' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ enum: DOCUMENT_TYPES, description: 'CC cédula, CE extranjería, NIT, TI, PP pasaporte, PEP, RC, OTRO' })
  @IsOptional()
  @IsIn(DOCUMENT_TYPES)
  documentType?: DocumentType;

  @ApiPropertyOptional({ example: '1020304050' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z.-]{3,20}$/, { message: 'documentNumber debe tener de 3 a 20 letras, dígitos, puntos o guiones.' })
  documentNumber?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '+57 300 123 4567' })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: 'phone debe ser un número de teléfono (dígitos, espacios, +, guiones o paréntesis).' })
  phone?: string;

  @ApiPropertyOptional({ enum: ['es', 'en'], default: 'es', description: 'Language of the e-mails the requester gets.' })
  @IsOptional()
  @IsIn(['es', 'en'])
  language?: 'es' | 'en';
}
