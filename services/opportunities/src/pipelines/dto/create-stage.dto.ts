import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { STAGE_KINDS, type StageKind } from '../stage.entity.js';

export class CreateStageDto {
  @ApiProperty({ example: 'Demostración' })
  @IsString()
  @Length(1, 80)
  name: string;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Default probability (%) of deals in this stage.' })
  @IsInt()
  @Min(0)
  @Max(100)
  probability: number;

  @ApiPropertyOptional({ enum: STAGE_KINDS, default: 'open' })
  @IsOptional()
  @IsIn(STAGE_KINDS)
  kind?: StageKind;

  @ApiPropertyOptional({ default: true, description: 'Shown as a tab in the list.' })
  @IsOptional()
  @IsBoolean()
  shownAsTab?: boolean;

  @ApiPropertyOptional({ description: 'Days without activity after which a deal here is stale; null = never.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  staleAfterDays?: number | null;

  @ApiPropertyOptional({ description: 'Where to insert it (0 = first); the end by default.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number;
}
