import type { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'reporting';

/**
 * Read models for every report (docs/reporting.md). Replaces the per-tenant counter rows (one hot
 * row per tenant serialised every event) with one state row per entity, upserted in batches, plus
 * append-only rows (stage moves) keyed by event id. Days, weeks and months are worked out at query
 * time in the tenant's zone, so instants are stored, never calendar days.
 */
export class ReportingReadModels1781100000000 implements MigrationInterface {
  name = 'ReportingReadModels1781100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS ${S}.contact_counter`);
    await q.query(`DROP TABLE IF EXISTS ${S}.contact_daily`);
    await q.query(`DROP TABLE IF EXISTS ${S}.contact_fact`);
    await q.query(`
      CREATE TABLE ${S}.rpt_contact (
        tenant_id uuid NOT NULL, contact_id uuid NOT NULL,
        created boolean NOT NULL DEFAULT false, created_at timestamptz NULL,
        initial_lifecycle text NULL, lifecycle text NULL, lifecycle_version integer NOT NULL DEFAULT 0,
        owner_id uuid NULL, owner_version integer NOT NULL DEFAULT 0, team_id uuid NULL,
        source_id uuid NULL, tax_id text NULL, display_name text NULL, customer_at timestamptz NULL,
        PRIMARY KEY (tenant_id, contact_id))`);
    await q.query(`CREATE INDEX rpt_contact_created_idx ON ${S}.rpt_contact (tenant_id, created_at)`);
    await q.query(`CREATE INDEX rpt_contact_tax_idx ON ${S}.rpt_contact (tenant_id, tax_id) WHERE tax_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE ${S}.rpt_opportunity (
        tenant_id uuid NOT NULL, opportunity_id uuid NOT NULL, contact_id uuid NULL, title text NULL,
        pipeline_id uuid NULL, stage_id uuid NULL, initial_stage_id uuid NULL, owner_id uuid NULL, team_id uuid NULL,
        agent_id uuid NULL, assignee_id uuid NULL, created_by uuid NULL, status text NULL,
        amount numeric(19,4) NULL, currency text NULL, probability integer NULL, expected_close_date text NULL,
        source_id uuid NULL, created_at timestamptz NULL, closed_at timestamptz NULL, lost_reason_id uuid NULL, lost_reason_name text NULL,
        reached_stage_ids uuid[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, opportunity_id))`);
    await q.query(`CREATE INDEX rpt_opportunity_created_idx ON ${S}.rpt_opportunity (tenant_id, created_at)`);
    await q.query(`CREATE INDEX rpt_opportunity_closed_idx ON ${S}.rpt_opportunity (tenant_id, closed_at) WHERE closed_at IS NOT NULL`);
    await q.query(
      `CREATE INDEX rpt_opportunity_open_idx ON ${S}.rpt_opportunity (tenant_id, stage_id) INCLUDE (amount, currency, probability, owner_id, team_id, pipeline_id) WHERE status = 'open'`,
    );

    await q.query(`
      CREATE TABLE ${S}.rpt_stage (
        tenant_id uuid NOT NULL, stage_id uuid NOT NULL, pipeline_id uuid NULL, name text NULL, probability integer NULL,
        PRIMARY KEY (tenant_id, stage_id))`);
    await q.query(`
      CREATE TABLE ${S}.rpt_stage_move (
        tenant_id uuid NOT NULL, event_id text NOT NULL, opportunity_id uuid NOT NULL, pipeline_id uuid NULL,
        from_stage_id uuid NOT NULL, to_stage_id uuid NOT NULL, seconds_in_previous bigint NOT NULL,
        owner_id uuid NULL, team_id uuid NULL, changed_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, event_id))`);
    await q.query(`CREATE INDEX rpt_stage_move_opportunity_idx ON ${S}.rpt_stage_move (tenant_id, opportunity_id)`);

    await q.query(`
      CREATE TABLE ${S}.rpt_activity (
        tenant_id uuid NOT NULL, activity_id uuid NOT NULL, opportunity_id uuid NULL, contact_id uuid NULL,
        type text NULL, assigned_to uuid NULL, created_by uuid NULL, status text NULL,
        created_at timestamptz NULL, completed_at timestamptz NULL, version integer NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, activity_id))`);
    await q.query(`CREATE INDEX rpt_activity_completed_idx ON ${S}.rpt_activity (tenant_id, completed_at) WHERE completed_at IS NOT NULL`);

    await q.query(`
      CREATE TABLE ${S}.rpt_quote (
        tenant_id uuid NOT NULL, quote_id uuid NOT NULL, opportunity_id uuid NULL, contact_id uuid NULL, number text NULL,
        status text NULL, total numeric(19,4) NULL, currency text NULL, created_by uuid NULL,
        created_at timestamptz NULL, sent_at timestamptz NULL, accepted_at timestamptz NULL, rejected_at timestamptz NULL,
        version integer NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, quote_id))`);

    await q.query(`
      CREATE TABLE ${S}.rpt_ticket (
        tenant_id uuid NOT NULL, ticket_id uuid NOT NULL, radicado text NULL, contact_id uuid NULL,
        pqr_class text NULL, category_id uuid NULL, priority text NULL, channel text NULL, status text NULL, status_at timestamptz NULL,
        assignee_id uuid NULL, team_id uuid NULL, received_at timestamptz NULL,
        first_response_at timestamptz NULL, first_response_minutes integer NULL,
        closed_at timestamptz NULL, resolution_minutes integer NULL, legal_due_at timestamptz NULL,
        extended boolean NOT NULL DEFAULT false, legal_overdue boolean NOT NULL DEFAULT false, legal_state text NULL,
        sla_state text NULL, sla_breached boolean NOT NULL DEFAULT false, csat integer NULL, csat_at timestamptz NULL,
        PRIMARY KEY (tenant_id, ticket_id))`);
    await q.query(`CREATE INDEX rpt_ticket_received_idx ON ${S}.rpt_ticket (tenant_id, received_at)`);

    await q.query(`
      CREATE TABLE ${S}.rpt_invoice (
        tenant_id uuid NOT NULL, invoice_id text NOT NULL, contact_id uuid NULL, tax_id text NULL, number text NULL,
        issued_at timestamptz NULL, total numeric(19,4) NULL, currency text NULL, status text NULL,
        PRIMARY KEY (tenant_id, invoice_id))`);
    await q.query(`
      CREATE TABLE ${S}.rpt_payment (
        tenant_id uuid NOT NULL, payment_id text NOT NULL, contact_id uuid NULL, tax_id text NULL,
        received_at timestamptz NULL, amount numeric(19,4) NULL, currency text NULL,
        PRIMARY KEY (tenant_id, payment_id))`);

    await q.query(`
      CREATE TABLE ${S}.rpt_source (
        tenant_id uuid NOT NULL, source_id uuid NOT NULL, name text NULL, channel text NULL, active boolean NULL,
        version integer NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, source_id))`);
    await q.query(`
      CREATE TABLE ${S}.rpt_source_cost (
        tenant_id uuid NOT NULL, source_id uuid NOT NULL, period_from text NOT NULL, period_to text NOT NULL,
        amount numeric(19,4) NOT NULL, currency text NOT NULL, origin text NOT NULL,
        recorded_by uuid NULL, recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, source_id, period_from, period_to, origin))`);

    await q.query(`
      CREATE TABLE ${S}.rpt_user (
        tenant_id uuid NOT NULL, user_id uuid NOT NULL, name text NULL, roles text[] NULL, team_ids uuid[] NULL,
        version integer NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, user_id))`);

    // Cubes kept by batched deltas (projections/cube.ts): the dashboard reads a few hundred cells, never the entity rows.
    await q.query(`
      CREATE TABLE ${S}.rpt_opp_cube (
        tenant_id uuid NOT NULL, kind text NOT NULL, day text NOT NULL, owner_id text NOT NULL, team_id text NOT NULL, pipeline_id text NOT NULL,
        stage_id text NOT NULL, currency text NOT NULL, n bigint NOT NULL DEFAULT 0, amount numeric NOT NULL DEFAULT 0, weighted numeric NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, kind, day, owner_id, team_id, pipeline_id, stage_id, currency))`);
    await q.query(`
      CREATE TABLE ${S}.rpt_contact_cube (
        tenant_id uuid NOT NULL, kind text NOT NULL, day text NOT NULL, owner_id text NOT NULL, team_id text NOT NULL, lifecycle text NOT NULL,
        n bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, kind, day, owner_id, team_id, lifecycle))`);

    await q.query(`
      CREATE TABLE ${S}.rpt_rebuild (
        tenant_id uuid NOT NULL, rebuild_id uuid NOT NULL, requested_by uuid NULL, requested_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, rebuild_id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'rpt_rebuild',
      'rpt_user',
      'rpt_source_cost',
      'rpt_source',
      'rpt_payment',
      'rpt_invoice',
      'rpt_ticket',
      'rpt_quote',
      'rpt_activity',
      'rpt_stage_move',
      'rpt_stage',
      'rpt_opportunity',
      'rpt_contact',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${S}.${table}`);
    }
  }
}
