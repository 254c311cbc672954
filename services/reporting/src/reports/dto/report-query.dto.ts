import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters every report takes. Days are calendar days in the tenant's time zone. */
export class ReportQueryDto {
  @ApiPropertyOptional({ example: '2026-03-01', description: 'First day (inclusive, tenant time zone). Default: the first day of the current month.' })
  @IsOptional()
  @Matches(DAY, { message: 'from debe ser una fecha AAAA-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from debe ser un día que exista en el calendario.' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'Last day (inclusive). Default: today.' })
  @IsOptional()
  @Matches(DAY, { message: 'to debe ser una fecha AAAA-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'to debe ser un día que exista en el calendario.' })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  pipelineId?: string;

  @ApiPropertyOptional({ enum: ['week', 'month'], default: 'month', description: 'Trends: bucket size' })
  @IsOptional()
  @IsIn(['week', 'month'])
  granularity?: 'week' | 'month';

  @ApiPropertyOptional({ example: 'COP', description: 'Sellers: the currency whose won value ranks them (default COP)' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/)
  currency?: string;

  @ApiPropertyOptional({ default: 36, description: 'CLTV: months of projected future purchases' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(240)
  horizonMonths?: number;
}
