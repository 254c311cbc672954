import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsUUID } from 'class-validator';

export const FORECAST_GROUPS = ['month', 'owner', 'pipeline', 'stage'] as const;
export type ForecastGroup = (typeof FORECAST_GROUPS)[number];

export class ForecastQueryDto {
  @ApiProperty({ example: '2026-01-01', description: 'Expected close date from (inclusive).' })
  @IsDateString({ strict: true })
  from: string;

  @ApiProperty({ example: '2026-12-31', description: 'Expected close date to (inclusive).' })
  @IsDateString({ strict: true })
  to: string;

  @ApiPropertyOptional({ enum: FORECAST_GROUPS, default: 'month' })
  @IsOptional()
  @IsIn(FORECAST_GROUPS)
  groupBy: ForecastGroup = 'month';

  @ApiPropertyOptional() @IsOptional() @IsUUID() pipelineId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() teamId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() ownerId?: string;
}
