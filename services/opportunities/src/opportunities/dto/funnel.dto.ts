import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';

export class VersionedDto {
  @ApiPropertyOptional({ description: 'The version you saw (or send If-Match).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class MoveStageDto extends VersionedDto {
  @ApiProperty({ description: 'An open, active stage of the same pipeline.' })
  @IsUUID()
  stageId: string;
}

export class LoseOpportunityDto extends VersionedDto {
  @ApiProperty({ description: 'An active reason from /lost-reasons.' })
  @IsUUID()
  lostReasonId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ReopenOpportunityDto extends VersionedDto {
  @ApiPropertyOptional({ description: 'The open stage to return to; the last open stage it was in by default.' })
  @IsOptional()
  @IsUUID()
  stageId?: string;
}
