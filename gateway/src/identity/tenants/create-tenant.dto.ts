import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';

export class CreateTenantDto {
  @ApiProperty({ example: 'Ferretería El Tornillo S.A.S.' })
  @IsString()
  @Length(1, 200)
  tenantName: string;

  @ApiProperty({ example: 'el-tornillo', description: 'Lower-case letters, digits and dashes' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'slug debe tener 2 a 63 caracteres: minúsculas, dígitos y guiones' })
  slug: string;

  @ApiProperty({ example: 'gerencia@eltornillo.co' })
  @IsEmail()
  @MaxLength(254)
  adminEmail: string;

  @ApiProperty({ example: 'Laura Ríos' })
  @IsString()
  @Length(1, 200)
  adminName: string;

  @ApiProperty({ writeOnly: true, minLength: 8, maxLength: 72 })
  @IsString()
  @Length(8, 72)
  adminPassword: string;
}
