import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { LOCALES, ROLES, type Locale, type Role } from '@crm/contracts';

export class CreateUserDto {
  @ApiProperty({ example: 'ana.gomez@empresa.co' })
  @IsEmail({}, { message: 'email debe ser una dirección de correo válida' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Ana Gómez' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ minLength: 8, maxLength: 72, writeOnly: true })
  @IsString()
  @Length(8, 72, { message: 'password debe tener entre 8 y 72 caracteres' })
  password: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['sales'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  teamIds?: string[];

  @ApiPropertyOptional({ enum: LOCALES, default: 'es' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}
