import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ASSIGNMENT_STRATEGIES, type AssignmentStrategy } from '../assignment-rule.entity.js';

export class PutAssignmentRuleDto {
  @ApiProperty({ enum: ASSIGNMENT_STRATEGIES, description: 'round_robin: in turn; least_open: the agent with the fewest open tickets.' })
  @IsIn(ASSIGNMENT_STRATEGIES)
  strategy: AssignmentStrategy;

  @ApiPropertyOptional({ default: true, description: 'false: new tickets of the team stay unassigned.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
