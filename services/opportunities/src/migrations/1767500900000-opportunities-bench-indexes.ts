import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The grouping key of opportunities.board_total (what the board's totals and visibility read). */
const KEY = 'tenant_id, pipeline_id, stage_id, currency, owner_id, team_id, shared_with_team, created_by';
/** The same key from an opportunity row: its creator only counts when it has no owner (the visibility rule). */
const KEY_OF_ROW = 'tenant_id, pipeline_id, stage_id, currency, owner_id, team_id, shared_with_team, CASE WHEN owner_id IS NULL THEN created_by END';

/** Columns the list's filters and visibility branches read, besides the key: in an index, a branch's id scan never visits the table. */
const LIST_COLUMNS = 'status, pipeline_id, stage_id, expected_close_date, stalled_at, owner_id, team_id, shared_with_team, created_by';

/** Adds the grouped deltas of `source` (rows: key columns, c, a, w) to board_total, in key order (no deadlocks between statements). */
const apply = (source: string) => `
  INSERT INTO opportunities.board_total AS b (${KEY}, opportunities, amount, weighted_raw)
  SELECT ${KEY}, sum(c), sum(a), sum(w) FROM (${source}) d
   GROUP BY ${KEY}
  HAVING sum(c) <> 0 OR sum(a) <> 0 OR sum(w) <> 0
   ORDER BY ${KEY}
  ON CONFLICT (${KEY}) DO UPDATE
     SET opportunities = b.opportunities + excluded.opportunities, amount = b.amount + excluded.amount, weighted_raw = b.weighted_raw + excluded.weighted_raw`;

/** An opportunity table's rows as deltas: +1 / amount / amount × probability (negated for rows that went away). */
const rowsOf = (table: string, sign: '' | '-') => `SELECT ${KEY_OF_ROW} AS created_by, ${sign}1 AS c, ${sign}amount AS a, ${sign}(amount * probability) AS w FROM ${table}`;

/**
 * Measured by bench/opportunities-*.bench.mjs over 1,000,000 opportunities (bench/README.md):
 *
 * - `board_total`: the board's per-stage count, value and weighted value, kept per (pipeline,
 *   stage, currency) and per the columns the visibility rule reads (owner, team, shared with team,
 *   creator when unowned), by statement triggers with transition tables. The board sums a few
 *   hundred rows instead of aggregating every deal of the pipeline (160,000 rows, ~0.3 s for an
 *   admin). An update that changes none of those columns, the amount or the probability (notes,
 *   activities, contact merges) writes nothing here. `weighted_raw` is Σ amount × probability, so
 *   the weighted value, Σ amount × probability / 100 rounded to cents, is exactly the same number.
 * - `opportunity_stage_cards_idx`: a board column's first cards newest first, with the visibility
 *   columns included so the per-column keyset scan is index-only.
 * - `opportunity_unowned_creator_idx`: the "created by me, still unassigned" branch of the
 *   visibility rule in list order (the list reads each branch of the rule as its own ordered
 *   index scan: owner, this one, team).
 * - `opportunity_agent_list_idx`, `opportunity_assignee_list_idx`: "my deals as agent / as
 *   assignee" newest first, covering the usual filters and the visibility columns, so the list
 *   stops at the page instead of sorting every deal of the person (~4,500 heap rows, 15-30 ms).
 * - `opportunity_forecast_idx`: the open deals by expected close date with everything the forecast
 *   groups and sums, so the forecast reads the index alone.
 */
export class OpportunitiesBenchIndexes1767500900000 implements MigrationInterface {
  name = 'OpportunitiesBenchIndexes1767500900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`
      CREATE TABLE opportunities.board_total (
        tenant_id uuid NOT NULL,
        pipeline_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        currency char(3) NOT NULL,
        owner_id uuid,
        team_id uuid,
        shared_with_team boolean NOT NULL,
        created_by uuid,
        opportunities bigint NOT NULL,
        amount numeric NOT NULL,
        weighted_raw numeric NOT NULL,
        CONSTRAINT board_total_key UNIQUE NULLS NOT DISTINCT (${KEY})
      )`);
    await q(`
      CREATE FUNCTION opportunities.board_total_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${apply(rowsOf('new_rows', ''))};
        ELSIF TG_OP = 'DELETE' THEN
          ${apply(rowsOf('old_rows', '-'))};
        ELSE
          ${apply(`${rowsOf('old_rows', '-')} UNION ALL ${rowsOf('new_rows', '')}`)};
        END IF;
        RETURN NULL;
      END $$`);
    await q(`CREATE TRIGGER opportunity_board_total_insert AFTER INSERT ON opportunities.opportunity REFERENCING NEW TABLE AS new_rows
             FOR EACH STATEMENT EXECUTE FUNCTION opportunities.board_total_changed()`);
    await q(`CREATE TRIGGER opportunity_board_total_update AFTER UPDATE ON opportunities.opportunity REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
             FOR EACH STATEMENT EXECUTE FUNCTION opportunities.board_total_changed()`);
    await q(`CREATE TRIGGER opportunity_board_total_delete AFTER DELETE ON opportunities.opportunity REFERENCING OLD TABLE AS old_rows
             FOR EACH STATEMENT EXECUTE FUNCTION opportunities.board_total_changed()`);
    await q(apply(rowsOf('opportunities.opportunity', '')));
    await q(
      'CREATE INDEX opportunity_stage_cards_idx ON opportunities.opportunity (tenant_id, stage_id, created_at DESC, id DESC) INCLUDE (pipeline_id, owner_id, team_id, created_by, shared_with_team)',
    );
    await q('CREATE INDEX opportunity_unowned_creator_idx ON opportunities.opportunity (tenant_id, created_by, created_at DESC, id DESC) WHERE owner_id IS NULL');
    // Agent's and assignee's deals newest first, with what the list filters and the visibility rule read: a branch of the
    // list (ids only) is an index-only scan that stops at the page; they replace the unordered (tenant, person) indexes.
    for (const person of ['agent', 'assignee']) {
      await q(`CREATE INDEX opportunity_${person}_list_idx ON opportunities.opportunity (tenant_id, ${person}_id, created_at DESC, id DESC)
               INCLUDE (${LIST_COLUMNS}) WHERE ${person}_id IS NOT NULL`);
      await q(`DROP INDEX IF EXISTS opportunities.opportunity_${person}_idx`);
    }
    await q(`CREATE INDEX opportunity_forecast_idx ON opportunities.opportunity (tenant_id, expected_close_date)
             INCLUDE (pipeline_id, stage_id, currency, amount, probability, owner_id, team_id, created_by, shared_with_team) WHERE status = 'open'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of [
      'DROP INDEX IF EXISTS opportunities.opportunity_forecast_idx',
      'CREATE INDEX IF NOT EXISTS opportunity_agent_idx ON opportunities.opportunity (tenant_id, agent_id) WHERE agent_id IS NOT NULL',
      'CREATE INDEX IF NOT EXISTS opportunity_assignee_idx ON opportunities.opportunity (tenant_id, assignee_id) WHERE assignee_id IS NOT NULL',
      'DROP INDEX IF EXISTS opportunities.opportunity_agent_list_idx',
      'DROP INDEX IF EXISTS opportunities.opportunity_assignee_list_idx',
      'DROP INDEX IF EXISTS opportunities.opportunity_unowned_creator_idx',
      'DROP INDEX IF EXISTS opportunities.opportunity_stage_cards_idx',
      'DROP TRIGGER IF EXISTS opportunity_board_total_delete ON opportunities.opportunity',
      'DROP TRIGGER IF EXISTS opportunity_board_total_update ON opportunities.opportunity',
      'DROP TRIGGER IF EXISTS opportunity_board_total_insert ON opportunities.opportunity',
      'DROP FUNCTION IF EXISTS opportunities.board_total_changed()',
      'DROP TABLE IF EXISTS opportunities.board_total',
    ])
      await queryRunner.query(sql);
  }
}
