import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional } from 'class-validator';
import { CreateSlaPolicyDto } from './create-sla-policy.dto.js';

export class UpdateSlaPolicyDto extends PartialType(CreateSlaPolicyDto) {
  @ApiPropertyOptional({ description: 'false retires it (open tickets fall back to the next matching policy)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'The version you edited (or If-Match).' })
  @IsOptional()
  @IsInt()
  version?: number;
}
