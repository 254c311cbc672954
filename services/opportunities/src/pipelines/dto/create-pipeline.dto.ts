import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { CreateStageDto } from './create-stage.dto.js';

export class CreatePipelineDto {
  @ApiProperty({ example: 'Proyectos institucionales' })
  @IsString()
  @Length(1, 80)
  name: string;

  @ApiPropertyOptional({ type: [CreateStageDto], description: 'Its stages in order; the default six (Prospecto … Perdido) when omitted.' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CreateStageDto)
  stages?: CreateStageDto[];

  @ApiPropertyOptional({ description: 'Make it the pipeline new opportunities go to by default.' })
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;
}
