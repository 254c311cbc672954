import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MoneyDto } from './money.dto.js';

export class CreateOpportunityDto {
  @ApiProperty({ example: 'Dotación sede Medellín' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ description: 'A contact you can see (400 naming contactId otherwise).' })
  @IsUUID()
  contactId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  companyId?: string | null;

  @ApiPropertyOptional({ description: 'The default pipeline when omitted.' })
  @IsOptional()
  @IsUUID()
  pipelineId?: string;

  @ApiPropertyOptional({ description: 'An open stage of the pipeline; its first open stage when omitted.' })
  @IsOptional()
  @IsUUID()
  stageId?: string;

  @ApiPropertyOptional({ type: MoneyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  value?: MoneyDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: "Overrides the stage's default probability." })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  probability?: number | null;

  @ApiPropertyOptional({ example: '2026-03-31' })
  @IsOptional()
  @IsDateString({ strict: true })
  expectedCloseDate?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  sourceId?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  interestIds?: string[];

  @ApiPropertyOptional({ description: 'Agente comercial.' })
  @IsOptional()
  @IsUUID()
  agentId?: string | null;

  @ApiPropertyOptional({ description: 'Usuario responsable.' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @ApiPropertyOptional({ description: 'Owner (visibility); you by default. Sales may only name themselves.' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ description: 'Team (visibility); your first team by default. Sales and managers only their own teams.' })
  @IsOptional()
  @IsUUID()
  teamId?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  sharedWithTeam?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  tags?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string | null;
}
