import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUrl, IsUUID, Length, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { CONTACT_KINDS, CONTACT_LIFECYCLES, type ContactKind, type ContactLifecycle } from '@crm/contracts';
import type { ContactPriority, InterestLevel } from '../contact.entity.js';
import { EmailChannelDto, PHONE_PATTERN, PhoneChannelDto } from './contact-channel.dto.js';

export const INTEREST_LEVELS = ['low', 'medium', 'high'] as const;
export const PRIORITIES = ['low', 'normal', 'high'] as const;

export class CreateContactDto {
  @ApiPropertyOptional({ enum: CONTACT_KINDS, default: 'person', description: 'person (persona, the default) or organization (empresa)' })
  @IsOptional()
  @IsIn(CONTACT_KINDS)
  kind: ContactKind = 'person';

  @ApiPropertyOptional({
    enum: CONTACT_LIFECYCLES,
    default: 'contact',
    description: 'customer or supplier here records a relationship that already exists (e.g. taken from the ERP); to make the ERP create one, convert (POST /contacts/{id}/convert).',
  })
  @IsOptional()
  @IsIn(CONTACT_LIFECYCLES)
  lifecycle?: ContactLifecycle;

  @ApiPropertyOptional({ description: 'Required for people.' })
  @ValidateIf((dto: CreateContactDto) => dto.kind === 'person' || dto.firstName !== undefined)
  @IsString()
  @Length(1, 120)
  firstName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(120)
  lastName?: string;

  @ApiPropertyOptional({ description: 'Required for organisations: legal or trade name.' })
  @ValidateIf((dto: CreateContactDto) => dto.kind === 'organization' || dto.companyName !== undefined)
  @IsString()
  @Length(1, 200)
  companyName?: string;

  @ApiPropertyOptional({ description: 'The primary e-mail (shorthand for one entry of `emails`).' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ type: [EmailChannelDto], description: 'All e-mail addresses; one is primary.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => EmailChannelDto)
  emails?: EmailChannelDto[];

  @ApiPropertyOptional({ example: '+57 300 123 4567', description: 'The primary phone (shorthand for one entry of `phones`).' })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: 'phone debe ser un número de teléfono (dígitos, espacios, +, guiones o paréntesis).' })
  phone?: string;

  @ApiPropertyOptional({ type: [PhoneChannelDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PhoneChannelDto)
  phones?: PhoneChannelDto[];

  @ApiPropertyOptional({ example: 'https://www.linkedin.com/in/ana' })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(300)
  linkedinUrl?: string;

  @ApiPropertyOptional({ example: 'https://empresa.co' })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(300)
  website?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  street?: string;

  @ApiPropertyOptional({ description: 'Departamento / provincia / estado' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  region?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20)
  postalCode?: string;

  @ApiPropertyOptional({ example: 'Construcción' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  industry?: string;

  @ApiPropertyOptional({ example: 'Distribuidor' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  category?: string;

  @ApiPropertyOptional({ enum: INTEREST_LEVELS })
  @IsOptional()
  @IsIn(INTEREST_LEVELS)
  interestLevel?: InterestLevel;

  @ApiPropertyOptional({ enum: PRIORITIES, default: 'normal' })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: ContactPriority;

  @ApiPropertyOptional({ description: 'Fuente de captación (GET /sources).' })
  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @ApiPropertyOptional({ type: [String], description: 'Intereses: products or services (GET /interests, active ones only). [] clears them.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  interestIds?: string[];

  @ApiPropertyOptional({ description: 'The organisation this person belongs to (a contact of kind organization).' })
  @IsOptional()
  @IsUUID()
  companyId?: string;

  @ApiPropertyOptional({ description: 'Cargo' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  position?: string;

  @ApiPropertyOptional({ description: 'NIT, CIF, RUT…' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9.-]{3,30}$/, { message: 'taxId debe tener de 3 a 30 letras, dígitos, puntos o guiones.' })
  taxId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(120)
  city?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2, e.g. CO' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country debe ser un código de país ISO 3166-1 de 2 letras (CO, ES…).' })
  country?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ description: 'Team that shares the contact.' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ default: true, description: 'Visible to the whole team (otherwise owner and managers only).' })
  @IsOptional()
  @IsBoolean()
  sharedWithTeam?: boolean;
}
