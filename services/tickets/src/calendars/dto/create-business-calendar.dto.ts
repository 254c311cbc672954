import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { NonWorkingDayDto, WorkingHoursDto } from './calendar-parts.dto.js';

export class CreateBusinessCalendarDto {
  @ApiProperty({ example: 'Sede Medellín' })
  @IsString()
  @Length(2, 100)
  name: string;

  @ApiPropertyOptional({ description: 'IANA time zone', default: 'America/Bogota' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timeZone?: string;

  @ApiPropertyOptional({ type: [WorkingHoursDto], description: 'Opening hours per weekday; a weekday not listed is closed. Default Mon–Fri 08:00–17:00.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(7)
  @ValidateNested({ each: true })
  @Type(() => WorkingHoursDto)
  workingHours?: WorkingHoursDto[];

  @ApiPropertyOptional({ default: true, description: 'Colombian national holidays are non-working days' })
  @IsOptional()
  @IsBoolean()
  colombianHolidays?: boolean;

  @ApiPropertyOptional({ type: [NonWorkingDayDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => NonWorkingDayDto)
  extraNonWorkingDays?: NonWorkingDayDto[];
}
