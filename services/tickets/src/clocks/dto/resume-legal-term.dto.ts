import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class ResumeLegalTermDto {
  @ApiPropertyOptional({ description: "When the petitioner's answer arrived (default now); the term continues the next day (art. 17)", example: '2026-04-07T15:00:00-05:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  answeredAt?: string;
}
