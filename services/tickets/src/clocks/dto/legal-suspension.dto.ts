import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class LegalSuspensionDto {
  @ApiProperty({ description: 'What the petitioner must complete (art. 17 Ley 1755 de 2015)', example: 'Falta copia de la factura reclamada' })
  @IsString()
  @Length(3, 2000)
  reason: string;
}
