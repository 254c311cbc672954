import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, IsUUID, Length, MaxLength, Min, ValidateIf } from 'class-validator';
import { FORM_FIELDS, type FormField } from '../web-form-fields.js';

/** Send only what changes; null clears an optional field. */
export class UpdateWebFormDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_dto, value) => value !== undefined && value !== null)
  @IsUUID()
  defaultTeamId?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_dto, value) => value !== undefined && value !== null)
  @IsUUID()
  defaultOwnerId?: string | null;

  @ApiPropertyOptional({ enum: FORM_FIELDS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(FORM_FIELDS.length)
  @IsIn(FORM_FIELDS, { each: true })
  allowedFields?: FormField[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_dto, value) => value !== undefined && value !== null)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { message: 'redirectUrl debe ser una dirección http:// o https:// completa.' })
  @MaxLength(500, { message: 'redirectUrl admite como máximo 500 caracteres.' })
  redirectUrl?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_dto, value) => value !== undefined && value !== null)
  @IsString()
  @Length(1, 500)
  thankYouText?: string | null;

  @ApiPropertyOptional({ description: 'The version you edited (or If-Match).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
