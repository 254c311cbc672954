import { IntersectionType, OmitType } from '@nestjs/swagger';
import { ExportFileQueryDto } from '@crm/common';
import { ListContactsQueryDto } from '../../contacts/dto/list-contacts.query.dto.js';

/**
 * The list's own filters, search and sort (whatever ListContactsQueryDto offers, now or later),
 * without paging: an export walks the whole filtered list up to the row cap.
 */
export class ExportContactsQueryDto extends IntersectionType(OmitType(ListContactsQueryDto, ['limit', 'cursor'] as const), ExportFileQueryDto) {}
