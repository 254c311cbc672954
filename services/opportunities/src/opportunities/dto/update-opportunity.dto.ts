import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { CreateOpportunityDto } from './create-opportunity.dto.js';

/** Stage and status change through /stage, /win, /lose, /reopen (history, events). `probability: null` follows the stage again. */
export class UpdateOpportunityDto extends PartialType(OmitType(CreateOpportunityDto, ['pipelineId', 'stageId'] as const)) {
  @ApiPropertyOptional({ description: 'The version you edited (or send If-Match).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
