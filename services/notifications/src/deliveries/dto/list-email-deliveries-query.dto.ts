import { PageQueryDto } from '@crm/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EMAIL_DELIVERY_STATUSES, type EmailDeliveryStatus } from '../email-delivery.entity.js';

export class ListEmailDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EMAIL_DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(EMAIL_DELIVERY_STATUSES)
  status?: EmailDeliveryStatus;

  @ApiPropertyOptional({ description: 'Template id, e.g. new-contact-agent', example: 'new-contact-agent' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z0-9][a-z0-9.-]*$/, { message: 'template debe ser un identificador de plantilla (minúsculas, números, guiones)' })
  template?: string;
}
