import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsUUID } from 'class-validator';

/** Either an assignee (manual), or `auto: true` to let the team's rule choose; optionally another team. */
export class AssignTicketDto {
  @ApiPropertyOptional({ description: 'The agent (an active user of the tenant).' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional({ description: 'Move the ticket to this team (with auto, its rule picks the agent).' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ description: "true: the team's rule (round robin or fewest open tickets) picks the agent." })
  @IsOptional()
  @IsBoolean()
  auto?: boolean;

  @ApiPropertyOptional({ description: 'The version you edited (or If-Match).' })
  @IsOptional()
  @IsInt()
  version?: number;
}
