import type { Opportunity } from './opportunity.entity.js';

/** An opportunity's fields as views read them: the entity without its tenant and last editor. */
export type OpportunityFields = Omit<Opportunity, 'tenantId' | 'updatedBy'>;

/** A row read straight from SQL with the same property names as the entity, plus the contact's name and the keyset time key. */
export type OpportunityRow<Field extends keyof OpportunityFields = keyof OpportunityFields> = Pick<OpportunityFields, Field> & {
  contactName: string | null;
  keysetTime: string;
};

/**
 * Each field's SQL on the alias `o`, aliased to the entity's property name, so list pages and
 * board cards are read with `getRawMany` / `query` and mapped straight to their views: no
 * TypeORM entity hydration (profiling showed it as most of a board's CPU). The pg driver already
 * parses numeric as a string, arrays, booleans, ints and timestamptz as Date, like the entity;
 * `date` is read as text (`YYYY-MM-DD`, as the entity has it, not a Date at local midnight).
 */
const SQL: Record<keyof OpportunityFields, string> = {
  id: 'o.id',
  version: 'o.version',
  createdAt: 'o.created_at',
  updatedAt: 'o.updated_at',
  pipelineId: 'o.pipeline_id',
  stageId: 'o.stage_id',
  status: 'o.status',
  title: 'o.title',
  contactId: 'o.contact_id',
  companyId: 'o.company_id',
  amount: 'o.amount',
  currency: 'o.currency',
  probability: 'o.probability',
  probabilityOverridden: 'o.probability_overridden',
  expectedCloseDate: 'o.expected_close_date::text',
  sourceId: 'o.source_id',
  interestIds: 'o.interest_ids',
  agentId: 'o.agent_id',
  assigneeId: 'o.assignee_id',
  ownerId: 'o.owner_id',
  teamId: 'o.team_id',
  sharedWithTeam: 'o.shared_with_team',
  tags: 'o.tags',
  description: 'o.description',
  stageEnteredAt: 'o.stage_entered_at',
  lastActivityAt: 'o.last_activity_at',
  stalledAt: 'o.stalled_at',
  wonAt: 'o.won_at',
  lostAt: 'o.lost_at',
  lostReasonId: 'o.lost_reason_id',
  lostNote: 'o.lost_note',
  createdBy: 'o.created_by',
};

/** Every field of the full view (GET /opportunities, exports). */
export const VIEW_FIELDS = Object.keys(SQL) as (keyof OpportunityFields)[];

/** The contact's display name (the projection `contact_ref`, one row per contact id). */
export const CONTACT_NAME_SQL = '(SELECT c.display_name FROM opportunities.contact_ref c WHERE c.contact_id = o.contact_id)';

/** `[expression, alias]` pairs of the fields (for a query builder's select/addSelect). */
export function selections(fields: readonly (keyof OpportunityFields)[]): [string, string][] {
  return [...fields.map((field): [string, string] => [SQL[field], field]), [CONTACT_NAME_SQL, 'contactName']];
}

/** The same as a SELECT list for hand-written SQL. */
export function selectList(fields: readonly (keyof OpportunityFields)[]): string {
  return selections(fields)
    .map(([sql, alias]) => `${sql} AS "${alias}"`)
    .join(', ');
}
