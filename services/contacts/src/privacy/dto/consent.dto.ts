import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, Min } from 'class-validator';
import { CONSENT_CHANNELS, type ConsentChannel } from '@crm/contracts';

export class ConsentDto {
  @ApiProperty({ description: 'true: autoriza el tratamiento para mercadeo; false: lo retira.' })
  @IsBoolean()
  granted: boolean;

  @ApiProperty({ enum: CONSENT_CHANNELS, description: 'Where the person gave (or withdrew) it.' })
  @IsIn(CONSENT_CHANNELS)
  channel: ConsentChannel;

  @ApiPropertyOptional({ description: 'When it was given (ISO-8601, not in the future); default now.', example: '2026-03-11T14:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;

  @ApiPropertyOptional({ description: 'The contact version you saw (or If-Match); optional: a consent is a fact, not an edit of what you saw.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
