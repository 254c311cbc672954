import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

export const PHONE_PATTERN = /^\+?[0-9 ()-]{6,25}$/;

export class EmailChannelDto {
  @ApiProperty({ example: 'ana@empresa.co' })
  @IsEmail()
  @MaxLength(254)
  value: string;

  @ApiPropertyOptional({ example: 'work', description: 'work, home, billing…' })
  @IsOptional()
  @IsString()
  @Length(1, 30)
  label?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  primary?: boolean;
}

export class PhoneChannelDto {
  @ApiProperty({ example: '+57 300 123 4567' })
  @Matches(PHONE_PATTERN, { message: 'value debe ser un número de teléfono (dígitos, espacios, +, guiones o paréntesis).' })
  value: string;

  @ApiPropertyOptional({ example: 'mobile', description: 'mobile, work, whatsapp…' })
  @IsOptional()
  @IsString()
  @Length(1, 30)
  label?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  primary?: boolean;
}
