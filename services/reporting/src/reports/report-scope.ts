import { visibilityLevel, type AuthUser } from '@crm/auth';
import { Problems } from '@crm/common';
import { localDateOf, zonedInstant } from '@crm/business-calendar';
import type { ReportQueryDto } from './dto/report-query.dto.js';

/** Positional SQL parameters, added as they are used. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * One report request, resolved: the tenant, the period as instants ([fromAt, toAt) in the
 * tenant's zone), the optional owner/team/pipeline filters and the caller's visibility.
 */
export class ReportScope {
  readonly tenantId: string;
  readonly from: string;
  readonly to: string;
  readonly fromAt: Date;
  readonly toAt: Date;

  constructor(
    readonly user: AuthUser,
    readonly query: ReportQueryDto,
    readonly timeZone: string,
    now: Date = new Date(),
  ) {
    this.tenantId = user.tenantId;
    const today = localDateOf(now, timeZone);
    this.from = query.from ?? `${today.slice(0, 7)}-01`;
    this.to = query.to ?? today;
    if (this.from > this.to) throw Problems.invalid([{ field: 'to', message: '"to" debe ser igual o posterior a "from".' }]);
    this.fromAt = zonedInstant(this.from, 0, timeZone);
    this.toAt = zonedInstant(this.to, 24 * 60, timeZone);
  }

  /**
   * The filters and the visibility on a record's owner and team columns: sales see what they own,
   * managers what they own or their teams own, admins everything.
   */
  where(p: Params, columns: { owner: string; team: string; pipeline?: string }, idType: 'uuid' | 'text' = 'uuid'): string {
    const parts = [`${columns.owner.split('.')[0]}.tenant_id = ${p.add(this.tenantId)}`];
    // Cube cells hold ids as Postgres prints uuids (lower case); a uuid column compares any case.
    const id = (value: string) => (idType === 'text' ? value.toLowerCase() : value);
    if (this.query.ownerId) parts.push(`${columns.owner} = ${p.add(id(this.query.ownerId))}`);
    if (this.query.teamId) parts.push(`${columns.team} = ${p.add(id(this.query.teamId))}`);
    if (this.query.pipelineId && columns.pipeline) parts.push(`${columns.pipeline} = ${p.add(id(this.query.pipelineId))}`);
    parts.push(this.visibility(p, columns, idType));
    return parts.join(' AND ');
  }

  /** `idType` text: the columns hold ids as text (cube cells). */
  visibility(p: Params, columns: { owner: string; team: string }, idType: 'uuid' | 'text' = 'uuid'): string {
    const level = visibilityLevel(this.user);
    if (level === 'all') return 'true';
    const id = (value: string) => (idType === 'text' ? value.toLowerCase() : value);
    const own = `${columns.owner} = ${p.add(id(this.user.id))}`;
    if (level === 'own') return `(${own})`;
    return `(${own} OR ${columns.team} = ANY(${p.add(this.user.teamIds.map(id))}::${idType}[]))`;
  }

  /** `expr` falls in the period. */
  within(p: Params, expr: string): string {
    return `${expr} >= ${p.add(this.fromAt.toISOString())}::timestamptz AND ${expr} < ${p.add(this.toAt.toISOString())}::timestamptz`;
  }

  period(): { from: string; to: string; timeZone: string } {
    return { from: this.from, to: this.to, timeZone: this.timeZone };
  }
}

/** Money per currency, never mixed: `[{ currency, amount }]` with amounts as decimal strings. */
export interface Money {
  currency: string;
  amount: string;
}

/** Folds rows `{ key..., currency, amount }` into per-key lists of Money. */
export function moneyBy<K extends string>(rows: { currency: string | null; amount: string | null }[], keyOf: (row: never) => K): Map<K, Money[]> {
  const out = new Map<K, Money[]>();
  for (const row of rows) {
    if (!row.currency || row.amount === null) continue;
    const key = keyOf(row as never);
    const list = out.get(key) ?? [];
    list.push({ currency: row.currency, amount: Number(row.amount).toFixed(2) });
    out.set(key, list);
  }
  return out;
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 10_000 : null;
}
