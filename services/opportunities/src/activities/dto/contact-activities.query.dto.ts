import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export const CONTACT_ACTIVITY_STATUSES = ['pending', 'done', 'cancelled'] as const;

/** `GET /activities?contactId=…`: the activities of one contact (the customer 360 reads it). */
export class ContactActivitiesQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'contactId debe ser un UUID.' })
  contactId: string;

  @ApiPropertyOptional({ enum: CONTACT_ACTIVITY_STATUSES })
  @IsOptional()
  @IsIn(CONTACT_ACTIVITY_STATUSES, { message: 'status debe ser pending, done o cancelled.' })
  status?: (typeof CONTACT_ACTIVITY_STATUSES)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit debe ser un entero entre 1 y 100.' })
  @Min(1, { message: 'limit debe ser un entero entre 1 y 100.' })
  @Max(100, { message: 'limit debe ser un entero entre 1 y 100.' })
  limit?: number;
}
