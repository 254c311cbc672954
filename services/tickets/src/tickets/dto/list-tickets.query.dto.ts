import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@crm/common';
import { TicketFiltersQueryDto } from './ticket-filters.query.dto.js';

export const TICKET_SORTS = ['createdAt', '-createdAt', 'receivedAt', '-receivedAt', 'updatedAt', '-updatedAt'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

/** GET /tickets: filters and search, a sort (- = descending) and a keyset page. */
export class ListTicketsQueryDto extends IntersectionType(TicketFiltersQueryDto, PageQueryDto) {
  @ApiPropertyOptional({ enum: TICKET_SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(TICKET_SORTS)
  sort: TicketSort = '-createdAt';
}
