import { Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '@crm/auth';
import { decodeKeysetCursor, toPage, type Language, type Page } from '@crm/common';
import { keysetTimeKey } from '@crm/database';
import type { ListOpportunitiesQueryDto } from './dto/list-opportunities.query.dto.js';
import { OpportunityAccessService } from './opportunity-access.service.js';
import { labelOf } from '../pipelines/default-pipeline.js';
import { selections, VIEW_FIELDS, type OpportunityRow } from './opportunity-columns.js';
import type { Opportunity } from './opportunity.entity.js';
import { toOpportunityView, type OpportunityView } from './opportunity.view.js';

/** Most rows one export returns; filter to export the rest. */
export const EXPORT_MAX_ROWS = 50_000;

export type OpportunityFilters = Omit<ListOpportunitiesQueryDto, 'limit' | 'cursor'>;

type ListRow = OpportunityRow & { stageName: string | null; stageSeedKey: string | null };

/** A list row: every field of the view, the contact's and the stage's names, and the keyset time key (built once). */
const LIST_SELECTIONS: [string, string][] = [
  ...selections(VIEW_FIELDS),
  ['(SELECT s.name FROM opportunities.stage s WHERE s.id = o.stage_id)', 'stageName'],
  ['(SELECT s.seed_key FROM opportunities.stage s WHERE s.id = o.stage_id)', 'stageSeedKey'],
  [keysetTimeKey('o.created_at'), 'keysetTime'],
];

/** Lists, search and the filtered query export and board reuse; always scoped by visibility. */
@Injectable()
export class OpportunitiesQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OpportunityAccessService,
  ) {}

  get manager() {
    return this.dataSource.manager;
  }

  filtered(user: AuthUser, filters: OpportunityFilters): SelectQueryBuilder<Opportunity> {
    return this.withFilters(this.access.visibleQuery(user), filters);
  }

  /** The list's filters ANDed into a query of opportunities aliased `o`. */
  private withFilters(q: SelectQueryBuilder<Opportunity>, filters: OpportunityFilters): SelectQueryBuilder<Opportunity> {
    const equal: [keyof OpportunityFilters, string][] = [
      ['pipelineId', 'pipeline_id'],
      ['stageId', 'stage_id'],
      ['ownerId', 'owner_id'],
      ['agentId', 'agent_id'],
      ['assigneeId', 'assignee_id'],
      ['teamId', 'team_id'],
      ['contactId', 'contact_id'],
      ['status', 'status'],
    ];
    for (const [field, column] of equal) if (filters[field]) q.andWhere(`o.${column} = :${field}`, { [field]: filters[field] });
    if (filters.closeFrom) q.andWhere('o.expected_close_date >= :closeFrom', { closeFrom: filters.closeFrom });
    if (filters.closeTo) q.andWhere('o.expected_close_date <= :closeTo', { closeTo: filters.closeTo });
    if (filters.minAmount) q.andWhere('o.amount >= :minAmount::numeric', { minAmount: filters.minAmount });
    if (filters.maxAmount) q.andWhere('o.amount <= :maxAmount::numeric', { maxAmount: filters.maxAmount });
    if (filters.tag) q.andWhere('o.tags @> ARRAY[:tag]::text[]', { tag: filters.tag }); // = ANY(tags), in a form the GIN index answers
    if (filters.stale === 'true') q.andWhere('o.stalled_at IS NOT NULL');
    if (filters.stale === 'false') q.andWhere('o.stalled_at IS NULL');
    if (filters.q) {
      const like = `%${filters.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q.andWhere(
        '(lower(o.title) LIKE :like OR o.contact_id IN (SELECT c.contact_id FROM opportunities.contact_ref c WHERE c.tenant_id = o.tenant_id AND lower(c.display_name) LIKE :like))',
        { like },
      );
    }
    return q;
  }

  /** Every visible row of the filtered list, a page at a time, up to `cap` rows (exports). */
  async *pages(user: AuthUser, filters: OpportunityFilters, language: Language, cap = EXPORT_MAX_ROWS): AsyncGenerator<OpportunityView[]> {
    let cursor: string | undefined;
    let sent = 0;
    do {
      const page = await this.list(user, { ...filters, limit: Math.min(200, cap - sent), cursor }, language);
      sent += page.items.length;
      yield page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor && sent < cap);
  }

  async list(user: AuthUser, query: ListOpportunitiesQueryDto, language: Language): Promise<Page<OpportunityView>> {
    const { limit, cursor, ...filters } = query;
    const q = this.filtered(user, filters);
    const after = decodeKeysetCursor(cursor, ['time', 'uuid']);
    const keyset = (builder: SelectQueryBuilder<Opportunity>) => {
      if (after) builder.andWhere('(o.created_at, o.id) < (:afterTime::timestamptz, :afterId::uuid)', { afterTime: after[0], afterId: after[1] });
      return builder.orderBy('o.created_at', 'DESC').addOrderBy('o.id', 'DESC');
    };
    keyset(q);
    // Someone who sees part of the tenant: the rule is an OR (owned, created unassigned, each team),
    // which no single index returns in list order; Postgres would fetch every row of the user's
    // teams to sort them. The page is among the first limit+1 of each branch, each an ordered index
    // scan, so those ids narrow the query (which keeps the whole rule and every filter). Someone who
    // sees everything has one branch: its ids alone can come from a covering index without
    // visiting the rows the filters drop.
    const branches = this.access.visibilityBranches(user) ?? [{ sql: '1=1', params: {} }];
    const parts = branches.map((branch) =>
      keyset(this.withFilters(this.access.tenantQuery(user).andWhere(branch.sql, branch.params), filters))
        .select('o.id', 'id')
        .limit(limit + 1),
    );
    q.andWhere(`o.id IN (SELECT visible.id FROM (${parts.map((part) => `(${part.getQuery()})`).join(' UNION ALL ')}) visible)`);
    for (const part of parts) q.setParameters(part.getParameters());
    // The page's rows read raw, with the contact's and stage's names, and mapped straight to views (no entity hydration, no label query).
    const [[firstSql, firstAlias], ...rest] = LIST_SELECTIONS;
    q.select(firstSql, firstAlias);
    for (const [sql, alias] of rest) q.addSelect(sql, alias);
    const rows = await q.limit(limit + 1).getRawMany<ListRow>();
    return toPage(
      rows,
      limit,
      (row) => [row.keysetTime, row.id],
      (row) => toOpportunityView(row, { contactName: row.contactName, stageName: row.stageName === null ? null : labelOf({ name: row.stageName, seedKey: row.stageSeedKey }, language) }),
    );
  }
}
