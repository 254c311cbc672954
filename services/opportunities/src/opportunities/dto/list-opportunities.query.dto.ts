import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { OPPORTUNITY_STATUSES, type OpportunityStatus } from '@crm/contracts';
import { PageQueryDto } from '@crm/common';

export class ListOpportunitiesQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() pipelineId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() stageId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() agentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() teamId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() contactId?: string;
  @ApiPropertyOptional({ enum: OPPORTUNITY_STATUSES }) @IsOptional() @IsIn(OPPORTUNITY_STATUSES) status?: OpportunityStatus;
  @ApiPropertyOptional({ description: 'Expected close date from (YYYY-MM-DD).' }) @IsOptional() @IsDateString({ strict: true }) closeFrom?: string;
  @ApiPropertyOptional({ description: 'Expected close date to (YYYY-MM-DD).' }) @IsOptional() @IsDateString({ strict: true }) closeTo?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{1,16}(\.\d{1,2})?$/) minAmount?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{1,16}(\.\d{1,2})?$/) maxAmount?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 50) tag?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) stale?: 'true' | 'false';
  @ApiPropertyOptional({ description: 'Search in the title and the contact name.' }) @IsOptional() @IsString() @Length(2, 100) q?: string;
}
