import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { CONTACT_KINDS, CONTACT_LIFECYCLES, type ContactKind, type ContactLifecycle } from '@crm/contracts';

export class CreateContactDto {
  @ApiProperty({ enum: CONTACT_KINDS, description: 'person (persona) or organization (empresa)' })
  @IsIn(CONTACT_KINDS)
  kind: ContactKind;

  @ApiPropertyOptional({ enum: CONTACT_LIFECYCLES, default: 'contact' })
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

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '+57 300 123 4567' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,25}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ description: 'Cargo' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  position?: string;

  @ApiPropertyOptional({ description: 'NIT, CIF, RUT…' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9.-]{3,30}$/, { message: 'taxId must be 3-30 letters, digits, dots or dashes' })
  taxId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(120)
  city?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2, e.g. CO' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
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
