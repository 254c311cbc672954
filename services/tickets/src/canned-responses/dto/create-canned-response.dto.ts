import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { CANNED_SCOPES, type CannedScope } from '../canned-response.entity.js';

export class CreateCannedResponseDto {
  @ApiProperty({ enum: CANNED_SCOPES, description: 'personal: yours only; team: the team (managers of it and admins); tenant: everyone (admins).' })
  @IsIn(CANNED_SCOPES)
  scope: CannedScope;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for scope team.' })
  @ValidateIf((dto: CreateCannedResponseDto) => dto.scope === 'team' || dto.teamId !== undefined)
  @IsUUID()
  teamId?: string;

  @ApiProperty({ example: 'Solicitud en revisión' })
  @IsString()
  @Length(2, 120)
  title: string;

  @ApiProperty({ example: 'Hola {{solicitante.nombre}}: su radicado {{radicado}} vence el {{fecha_vencimiento}}.' })
  @IsString()
  @Length(1, 10_000)
  body: string;
}
