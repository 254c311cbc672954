import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';

export class WorkingHoursDto {
  @ApiProperty({ description: 'ISO weekday: 1 = Monday … 7 = Sunday', minimum: 1, maximum: 7 })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: number;

  @ApiProperty({ example: '08:00' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'start debe tener el formato HH:MM' })
  start: string;

  @ApiProperty({ example: '17:00' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'end debe tener el formato HH:MM' })
  end: string;
}

export class NonWorkingDayDto {
  @ApiProperty({ example: '2026-12-31' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date debe tener el formato AAAA-MM-DD' })
  date: string;

  @ApiProperty({ example: 'Cierre de fin de año' })
  @IsString()
  @Length(1, 200)
  reason: string;
}
