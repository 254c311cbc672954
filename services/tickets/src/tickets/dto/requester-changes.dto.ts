import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { DOCUMENT_TYPES, type DocumentType } from '../ticket-vocabulary.js';
import { PHONE_PATTERN } from './requester.dto.js';

const present = (_dto: object, value: unknown) => value !== null && value !== undefined;

/** Corrections to the requester's data (PATCH /tickets/{id}); null clears an optional field. A changed e-mail re-links the contact. */
export class RequesterChangesDto {
  @ApiPropertyOptional({ example: 'María Pérez' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ nullable: true, description: 'Changing it unlinks the contact; contacts then links (or creates, source "PQR") the contact with the new e-mail.' })
  @ValidateIf(present)
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '+57 300 123 4567' })
  @ValidateIf(present)
  @Matches(PHONE_PATTERN, { message: 'phone debe ser un número de teléfono (dígitos, espacios, +, guiones o paréntesis).' })
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true, enum: DOCUMENT_TYPES })
  @ValidateIf(present)
  @IsIn(DOCUMENT_TYPES)
  documentType?: DocumentType | null;

  @ApiPropertyOptional({ nullable: true, example: '1020304050' })
  @ValidateIf(present)
  @Matches(/^[0-9A-Za-z.-]{3,20}$/, { message: 'documentNumber debe tener de 3 a 20 letras, dígitos, puntos o guiones.' })
  documentNumber?: string | null;
}
