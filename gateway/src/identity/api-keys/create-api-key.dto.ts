import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsString, Length, Matches } from 'class-validator';

export const SCOPE_PATTERN = /^[a-z][a-z0-9-]*:(read|write)$/;

export class CreateApiKeyDto {
  @ApiProperty({ example: 'ERP ventas' })
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiProperty({ type: [String], example: ['contacts:read', 'contacts:write'], description: '<resource>:read or <resource>:write' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(SCOPE_PATTERN, { each: true, message: 'cada alcance debe tener la forma recurso:read o recurso:write' })
  scopes: string[];
}
