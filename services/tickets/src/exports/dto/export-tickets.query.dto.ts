import { IntersectionType, OmitType } from '@nestjs/swagger';
import { ExportFileQueryDto } from '@crm/common';
import { ListTicketsQueryDto } from '../../tickets/dto/list-tickets.query.dto.js';

/** The list's filters, search and sort, without paging: an export walks the list up to the cap. */
export class ExportTicketsQueryDto extends IntersectionType(OmitType(ListTicketsQueryDto, ['limit', 'cursor'] as const), ExportFileQueryDto) {}
