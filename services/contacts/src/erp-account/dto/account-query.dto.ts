import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@crm/common';

export const MOVEMENT_KINDS = ['invoice', 'payment'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** Paging of the purchase history (newest first); `kind` keeps invoices or payments only. */
export class AccountQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MOVEMENT_KINDS })
  @IsOptional()
  @IsIn(MOVEMENT_KINDS)
  kind?: MovementKind;
}
