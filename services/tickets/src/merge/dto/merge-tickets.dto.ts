import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsUUID } from 'class-validator';

/** POST /tickets/{id}/merge: the ticket in the path is the primary (the one that stays). */
export class MergeTicketsDto {
  @ApiProperty({ format: 'uuid', description: 'The duplicate: closed, its messages and files moved to the primary.' })
  @IsUUID()
  duplicateTicketId: string;

  @ApiPropertyOptional({ description: 'true: answer what would happen and change nothing (default false).' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ description: "The primary's version you saw (or If-Match); required unless dryRun. Stale → 412." })
  @IsOptional()
  @IsInt()
  version?: number;

  @ApiPropertyOptional({ description: "The duplicate's version you saw; required unless dryRun. Stale → 412." })
  @IsOptional()
  @IsInt()
  duplicateVersion?: number;
}
