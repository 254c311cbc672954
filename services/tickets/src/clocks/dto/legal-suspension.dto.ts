import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';

export class LegalSuspensionDto {
  @ApiProperty({ description: 'What the petitioner must complete (art. 17 Ley 1755 de 2015)', example: 'Falta copia de la factura reclamada' })
  @IsString()
  @Length(3, 2000)
  reason: string;

  @ApiPropertyOptional({ description: 'When the completion request was sent (default now; a letter sent earlier may be registered)', example: '2026-03-27T10:00:00-05:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  requestedAt?: string;
}
