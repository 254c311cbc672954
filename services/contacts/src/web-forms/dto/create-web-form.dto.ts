import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUrl, IsUUID, Length, MaxLength } from 'class-validator';
import { FORM_FIELDS, type FormField } from '../web-form-fields.js';

export class CreateWebFormDto {
  @ApiProperty({ example: 'Formulario de contacto del sitio web' })
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiProperty({ description: 'Fuente de captación (GET /sources): every lead of this form gets it.' })
  @IsUUID()
  sourceId: string;

  @ApiPropertyOptional({ description: 'Team the new prospects belong to (its round-robin applies).' })
  @IsOptional()
  @IsUUID()
  defaultTeamId?: string;

  @ApiPropertyOptional({ description: 'Owner of new prospects when the team did not assign one.' })
  @IsOptional()
  @IsUUID()
  defaultOwnerId?: string;

  @ApiPropertyOptional({ enum: FORM_FIELDS, isArray: true, description: 'Fields the form may send; email and firstName always. Default: all.' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(FORM_FIELDS.length)
  @IsIn(FORM_FIELDS, { each: true })
  allowedFields?: FormField[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ example: 'https://empresa.co/gracias', description: 'Where the page sends the visitor afterwards (returned to it).' })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { message: 'redirectUrl debe ser una dirección http:// o https:// completa.' })
  @MaxLength(500, { message: 'redirectUrl admite como máximo 500 caracteres.' })
  redirectUrl?: string;

  @ApiPropertyOptional({ example: 'Gracias, un asesor le contactará pronto.' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  thankYouText?: string;
}
