import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { OpportunityAccessService } from '../opportunities/opportunity-access.service.js';
import { ContactsProjection } from '../projections/contacts-projection.service.js';
import { Activity } from './activity.entity.js';
import { toActivityView, type ActivityView } from './activity.view.js';
import type { ContactActivitiesQueryDto } from './dto/contact-activities.query.dto.js';

const DEFAULT_LIMIT = 20;

/**
 * The latest activities of one contact, newest due first. The contact must be visible; of its
 * activities, the caller gets the same ones `GET /activities/{id}` would show them: their own
 * (assignee or creator), those without an opportunity, and those whose opportunity they see.
 */
@Injectable()
export class ContactActivitiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OpportunityAccessService,
    private readonly contacts: ContactsProjection,
  ) {}

  async list(user: AuthUser, query: ContactActivitiesQueryDto): Promise<{ items: ActivityView[] }> {
    const contact = await this.contacts.findVisibleContact(user, query.contactId);
    const visibleOpportunity = this.access.visiblePredicate(user, 'o');
    const builder = this.dataSource.manager
      .createQueryBuilder(Activity, 'a')
      .where('a.tenant_id = :tenantId AND a.contact_id = :contactId', { tenantId: user.tenantId, contactId: contact.contactId })
      .andWhere(
        `(a.assigned_to = :me OR a.created_by = :me OR a.opportunity_id IS NULL
          OR EXISTS (SELECT 1 FROM opportunities.opportunity o WHERE o.id = a.opportunity_id AND ${visibleOpportunity.sql}))`,
        { me: user.id, ...visibleOpportunity.params },
      );
    if (query.status) builder.andWhere('a.status = :status', { status: query.status });
    const rows = await builder
      .orderBy('a.due_at', 'DESC', 'NULLS LAST')
      .addOrderBy('a.id', 'DESC')
      .take(query.limit ?? DEFAULT_LIMIT)
      .getMany();
    return { items: rows.map(toActivityView) };
  }
}
