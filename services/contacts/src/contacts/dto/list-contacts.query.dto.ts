import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQueryDto } from '@crm/common';
import { CONTACT_KINDS, CONTACT_LIFECYCLES, type ContactKind, type ContactLifecycle } from '@crm/contracts';

export const CONTACT_SORTS = ['createdAt', '-createdAt', 'displayName', '-displayName'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

export class ListContactsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CONTACT_SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(CONTACT_SORTS)
  sort: ContactSort = '-createdAt';

  @ApiPropertyOptional({ description: 'Search name and e-mail (at least 3 characters).' })
  @IsOptional()
  @IsString()
  @Length(3, 100)
  q?: string;

  @ApiPropertyOptional({ enum: CONTACT_KINDS })
  @IsOptional()
  @IsIn(CONTACT_KINDS)
  kind?: ContactKind;

  @ApiPropertyOptional({ enum: CONTACT_LIFECYCLES })
  @IsOptional()
  @IsIn(CONTACT_LIFECYCLES)
  lifecycle?: ContactLifecycle;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  teamId?: string;
}
