import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';

export class BusinessDaysQueryDto {
  @ApiProperty({ description: 'Day of receipt: `YYYY-MM-DD` (a local date) or an ISO instant (its local date in the calendar zone is used)', example: '2026-03-06T21:30:00-05:00' })
  @IsString()
  @Length(10, 40)
  from: string;

  @ApiProperty({ description: 'Business days to count (the count starts the business day after `from`)', minimum: 1, maximum: 365, example: 15 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  days: number;
}
