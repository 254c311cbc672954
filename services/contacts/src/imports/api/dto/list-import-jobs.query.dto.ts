import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@crm/common';

export const IMPORT_JOB_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;

export class ListImportJobsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: IMPORT_JOB_STATUSES })
  @IsOptional()
  @IsIn(IMPORT_JOB_STATUSES)
  status?: (typeof IMPORT_JOB_STATUSES)[number];
}
