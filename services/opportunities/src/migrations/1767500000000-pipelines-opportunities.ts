import type { MigrationInterface, QueryRunner } from 'typeorm';
import { idempotencyMigrationSql } from '@crm/database';

/**
 * Issue #7 core: pipelines and their ordered stages, lost reasons, opportunities with their stage
 * history, and the projections of contacts and users learned from events. Money is numeric(18,2)
 * with its currency; never floats.
 */
export class PipelinesOpportunities1767500000000 implements MigrationInterface {
  name = 'PipelinesOpportunities1767500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TABLE opportunities.tenant_seed (tenant_id uuid PRIMARY KEY, seeded_at timestamptz NOT NULL DEFAULT now())`);
    await q(`
      CREATE TABLE opportunities.pipeline (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        name text NOT NULL,
        seed_key text,
        position int NOT NULL DEFAULT 0,
        is_default boolean NOT NULL DEFAULT false,
        archived_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q('CREATE INDEX pipeline_tenant_idx ON opportunities.pipeline (tenant_id, position, id)');
    await q(`
      CREATE TABLE opportunities.stage (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        pipeline_id uuid NOT NULL REFERENCES opportunities.pipeline (id),
        name text NOT NULL,
        seed_key text,
        position int NOT NULL,
        probability int NOT NULL CHECK (probability BETWEEN 0 AND 100),
        kind text NOT NULL CHECK (kind IN ('open', 'won', 'lost')),
        shown_as_tab boolean NOT NULL DEFAULT true,
        stale_after_days int CHECK (stale_after_days > 0),
        archived_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q('CREATE INDEX stage_pipeline_idx ON opportunities.stage (tenant_id, pipeline_id, position)');
    await q(`
      CREATE TABLE opportunities.lost_reason (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        name text NOT NULL,
        seed_key text,
        position int NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q('CREATE UNIQUE INDEX lost_reason_name_uq ON opportunities.lost_reason (tenant_id, lower(name))');
    await q(`
      CREATE TABLE opportunities.contact_ref (
        contact_id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        display_name text NOT NULL,
        email text,
        phone text,
        tax_id text,
        company_id uuid,
        owner_id uuid,
        team_id uuid,
        created_by uuid,
        shared_with_team boolean NOT NULL DEFAULT true,
        merged_into_id uuid,
        anonymized_at timestamptz,
        source_version int NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q('CREATE INDEX contact_ref_tenant_idx ON opportunities.contact_ref (tenant_id, contact_id)');
    await q(`
      CREATE TABLE opportunities.user_ref (
        user_id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        name text NOT NULL,
        email text NOT NULL,
        roles text[] NOT NULL DEFAULT '{}',
        team_ids uuid[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL,
        locale text NOT NULL DEFAULT 'es',
        source_version int NOT NULL
      )`);
    await q(`
      CREATE TABLE opportunities.opportunity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        pipeline_id uuid NOT NULL REFERENCES opportunities.pipeline (id),
        stage_id uuid NOT NULL REFERENCES opportunities.stage (id),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
        title text NOT NULL,
        contact_id uuid NOT NULL,
        company_id uuid,
        amount numeric(18,2) NOT NULL DEFAULT 0,
        currency char(3) NOT NULL DEFAULT 'COP',
        probability int NOT NULL CHECK (probability BETWEEN 0 AND 100),
        probability_overridden boolean NOT NULL DEFAULT false,
        expected_close_date date,
        source_id uuid,
        interest_ids uuid[] NOT NULL DEFAULT '{}',
        agent_id uuid,
        assignee_id uuid,
        owner_id uuid,
        team_id uuid,
        shared_with_team boolean NOT NULL DEFAULT true,
        tags text[] NOT NULL DEFAULT '{}',
        description text,
        stage_entered_at timestamptz NOT NULL DEFAULT now(),
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        stalled_at timestamptz,
        won_at timestamptz,
        lost_at timestamptz,
        lost_reason_id uuid REFERENCES opportunities.lost_reason (id),
        lost_note text,
        created_by uuid NOT NULL,
        updated_by uuid NOT NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Keyset lists are ordered (created_at DESC, id DESC); the usual filters lead.
    await q('CREATE INDEX opportunity_tenant_created_idx ON opportunities.opportunity (tenant_id, created_at DESC, id DESC)');
    await q('CREATE INDEX opportunity_board_idx ON opportunities.opportunity (tenant_id, stage_id, status, created_at DESC, id DESC)');
    await q('CREATE INDEX opportunity_owner_idx ON opportunities.opportunity (tenant_id, owner_id, created_at DESC, id DESC)');
    await q('CREATE INDEX opportunity_team_idx ON opportunities.opportunity (tenant_id, team_id, created_at DESC, id DESC)');
    await q('CREATE INDEX opportunity_contact_idx ON opportunities.opportunity (tenant_id, contact_id)');
    await q('CREATE INDEX opportunity_agent_idx ON opportunities.opportunity (tenant_id, agent_id) WHERE agent_id IS NOT NULL');
    await q('CREATE INDEX opportunity_assignee_idx ON opportunities.opportunity (tenant_id, assignee_id) WHERE assignee_id IS NOT NULL');
    await q('CREATE INDEX opportunity_close_idx ON opportunities.opportunity (tenant_id, status, expected_close_date)');
    await q("CREATE INDEX opportunity_stale_idx ON opportunities.opportunity (last_activity_at) WHERE status = 'open' AND stalled_at IS NULL");
    await q('CREATE INDEX opportunity_tags_idx ON opportunities.opportunity USING gin (tags)');
    await q('CREATE INDEX opportunity_title_trgm ON opportunities.opportunity USING gin (lower(title) public.gin_trgm_ops)');
    await q(`
      CREATE TABLE opportunities.stage_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        opportunity_id uuid NOT NULL REFERENCES opportunities.opportunity (id) ON DELETE CASCADE,
        stage_id uuid NOT NULL REFERENCES opportunities.stage (id),
        from_stage_id uuid REFERENCES opportunities.stage (id),
        entered_at timestamptz NOT NULL,
        left_at timestamptz,
        entered_by uuid NOT NULL
      )`);
    await q('CREATE INDEX stage_history_opportunity_idx ON opportunities.stage_history (opportunity_id, entered_at)');
    for (const sql of idempotencyMigrationSql('opportunities').up) await q(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of idempotencyMigrationSql('opportunities').down) await queryRunner.query(sql);
    for (const table of ['stage_history', 'opportunity', 'user_ref', 'contact_ref', 'lost_reason', 'stage', 'pipeline', 'tenant_seed']) {
      await queryRunner.query(`DROP TABLE IF EXISTS opportunities.${table}`);
    }
  }
}
