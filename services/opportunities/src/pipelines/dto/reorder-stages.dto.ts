import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';

export class ReorderStagesDto {
  @ApiProperty({ type: [String], description: 'Every stage id of the pipeline (archived ones too), in the new order.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  stageIds: string[];
}
