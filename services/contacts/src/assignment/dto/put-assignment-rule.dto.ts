import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsOptional, IsUUID, Min } from 'class-validator';

export class PutAssignmentRuleDto {
  @ApiProperty({ description: 'Hand new prospects of the team (created without owner) to its members in turn.' })
  @IsBoolean()
  roundRobin: boolean;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    description: 'Turn order (active members of the team). Omit or null: the team’s active sales people, by name.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  memberIds?: string[] | null;

  @ApiPropertyOptional({ description: 'The version you edited (or If-Match); required once the rule exists, a stale one gets 412.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
