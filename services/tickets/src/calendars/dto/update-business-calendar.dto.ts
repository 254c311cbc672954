import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional } from 'class-validator';
import { PartialType } from '@nestjs/swagger';
import { CreateBusinessCalendarDto } from './create-business-calendar.dto.js';

export class UpdateBusinessCalendarDto extends PartialType(CreateBusinessCalendarDto) {
  @ApiPropertyOptional({ description: 'true makes this the tenant default (the legal clock counts on it).' })
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;

  @ApiPropertyOptional({ description: 'The version you edited (or If-Match).' })
  @IsOptional()
  @IsInt()
  version?: number;
}
