import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin@demo.test' })
  @IsString()
  @Length(3, 254)
  email: string;

  @ApiProperty({ writeOnly: true })
  @IsString()
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({ description: 'Tenant slug; needed only when the e-mail exists in several tenants', example: 'demo' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/)
  tenant?: string;
}
