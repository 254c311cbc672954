import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@crm/common';
import { ContactFiltersQueryDto } from './contact-filters.query.dto.js';

export const CONTACT_SORTS = ['createdAt', '-createdAt', 'displayName', '-displayName', 'updatedAt', '-updatedAt'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

/** GET /contacts: the filters and search, a sort (- = descending) and a keyset page. */
export class ListContactsQueryDto extends IntersectionType(ContactFiltersQueryDto, PageQueryDto) {
  @ApiPropertyOptional({ enum: CONTACT_SORTS, default: '-createdAt', description: 'displayName sorts alphabetically ignoring case and accents.' })
  @IsOptional()
  @IsIn(CONTACT_SORTS)
  sort: ContactSort = '-createdAt';
}
