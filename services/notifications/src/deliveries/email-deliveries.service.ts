import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { toPage, type Page } from '@crm/common';
import type { Repository } from 'typeorm';
import { decodeCreatedAtCursor } from '../shared/created-at-cursor.js';
import type { ListEmailDeliveriesQueryDto } from './dto/list-email-deliveries-query.dto.js';
import { EmailDeliveryView } from './dto/email-delivery.view.js';
import { EmailDelivery } from './email-delivery.entity.js';

/** The delivery log, read side: newest first, keyset pages, always within one tenant. */
@Injectable()
export class EmailDeliveriesService {
  constructor(@InjectRepository(EmailDelivery) private readonly deliveries: Repository<EmailDelivery>) {}

  async list(tenantId: string, query: ListEmailDeliveriesQueryDto): Promise<Page<EmailDeliveryView>> {
    const cursor = decodeCreatedAtCursor(query.cursor);
    const qb = this.deliveries
      .createQueryBuilder('d')
      .where('d.tenantId = :tenantId', { tenantId })
      .orderBy('d.createdAt', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(query.limit + 1);
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    if (query.template) qb.andWhere('d.template = :template', { template: query.template });
    if (cursor) qb.andWhere('(d.createdAt, d.id) < (CAST(:cursorAt AS timestamptz), CAST(:cursorId AS uuid))', { cursorAt: cursor.createdAt.toISOString(), cursorId: cursor.id });
    const rows = await qb.getMany();
    return toPage(rows, query.limit, (row) => [row.createdAt.toISOString(), row.id], EmailDeliveryView.of);
  }
}
