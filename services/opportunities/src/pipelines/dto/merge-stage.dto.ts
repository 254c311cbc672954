import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class MergeStageDto {
  @ApiProperty({ description: 'The stage of the same pipeline that receives the deals; this one is archived.' })
  @IsUUID()
  targetStageId: string;
}
