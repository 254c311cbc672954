import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@crm/auth';
import { Problems, type Language } from '@crm/common';
import { labelOf } from '../pipelines/default-pipeline.js';
import type { ForecastQueryDto } from './dto/forecast.query.dto.js';
import { OpportunitiesQueryService } from './opportunities-query.service.js';

const GROUP_COLUMN = { month: "to_char(o.expected_close_date, 'YYYY-MM')", owner: 'o.owner_id::text', pipeline: 'o.pipeline_id::text', stage: 'o.stage_id::text' } as const;

interface ForecastRow {
  key: string | null;
  currency: string;
  count: number;
  amount: string;
  weighted: string;
}

/**
 * Open value and weighted value (value × probability) of the open deals the caller can see,
 * by expected close month, owner, pipeline or stage, one figure per currency (never summed
 * across currencies). Decimal arithmetic in SQL; strings out.
 */
@Injectable()
export class OpportunityForecastService {
  constructor(private readonly queries: OpportunitiesQueryService) {}

  async forecast(user: AuthUser, query: ForecastQueryDto, language: Language) {
    if (query.from > query.to) throw Problems.invalid([{ field: 'to', message: '"to" debe ser igual o posterior a "from".' }]);
    const group = GROUP_COLUMN[query.groupBy];
    const q = this.queries
      .filtered(user, { status: 'open', closeFrom: query.from, closeTo: query.to, pipelineId: query.pipelineId, teamId: query.teamId, ownerId: query.ownerId })
      .select(group, 'key')
      .addSelect('o.currency', 'currency')
      .addSelect('count(*)::int', 'count')
      .addSelect('sum(o.amount)::text', 'amount')
      .addSelect('round(sum(o.amount * o.probability) / 100.0, 2)::text', 'weighted')
      .groupBy(group)
      .addGroupBy('o.currency')
      .orderBy(group)
      .addOrderBy('o.currency');
    const rows = await q.getRawMany<ForecastRow>();
    const labels = query.groupBy === 'stage' || query.groupBy === 'pipeline' ? await this.labels(query.groupBy, rows, language) : new Map<string, string>();
    const groups = new Map<
      string,
      { key: string | null; label: string | null; totals: { currency: string; count: number; value: { amount: string; currency: string }; weighted: { amount: string; currency: string } }[] }
    >();
    for (const row of rows) {
      const entry = groups.get(row.key ?? '') ?? { key: row.key, label: row.key ? (labels.get(row.key) ?? row.key) : null, totals: [] };
      entry.totals.push({ currency: row.currency, count: row.count, value: { amount: row.amount, currency: row.currency }, weighted: { amount: row.weighted, currency: row.currency } });
      groups.set(row.key ?? '', entry);
    }
    return { from: query.from, to: query.to, groupBy: query.groupBy, groups: [...groups.values()] };
  }

  private async labels(groupBy: 'stage' | 'pipeline', rows: ForecastRow[], language: Language): Promise<Map<string, string>> {
    const ids = [...new Set(rows.map((row) => row.key).filter((key): key is string => key !== null))];
    if (ids.length === 0) return new Map();
    const table = groupBy === 'stage' ? 'opportunities.stage' : 'opportunities.pipeline';
    const found = (await this.queries.manager.query(`SELECT id::text, name, seed_key FROM ${table} WHERE id = ANY($1::uuid[])`, [ids])) as {
      id: string;
      name: string;
      seed_key: string | null;
    }[];
    return new Map(found.map((row) => [row.id, labelOf({ name: row.name, seedKey: row.seed_key }, language)]));
  }
}
