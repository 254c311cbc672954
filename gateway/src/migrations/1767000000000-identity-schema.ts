import { messagingMigrationSql } from '@crm/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

// Timestamps keep milliseconds only: keyset cursors carry JS dates, which have no microseconds.
const ROLES_CHECK = `roles <@ ARRAY['admin','manager','sales','support','readonly']::text[]`;

/** Tenants, users, teams, API keys, refresh tokens, the audit log and the messaging tables. */
export class IdentitySchema1767000000000 implements MigrationInterface {
  name = 'IdentitySchema1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE identity.tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        slug text NOT NULL CONSTRAINT tenants_slug_key UNIQUE,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE identity.users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES identity.tenants (id),
        email text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL DEFAULT '{}' CHECK (${ROLES_CHECK}),
        locale text NOT NULL DEFAULT 'es' CHECK (locale IN ('es', 'en')),
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`,
      `CREATE UNIQUE INDEX users_tenant_email_key ON identity.users (tenant_id, lower(email))`,
      // Login looks an e-mail up across tenants.
      `CREATE INDEX users_email_idx ON identity.users (lower(email))`,
      `CREATE INDEX users_tenant_keyset_idx ON identity.users (tenant_id, created_at, id)`,
      `CREATE TABLE identity.teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES identity.tenants (id),
        name text NOT NULL,
        description text NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`,
      `CREATE UNIQUE INDEX teams_tenant_name_key ON identity.teams (tenant_id, lower(name))`,
      `CREATE INDEX teams_tenant_keyset_idx ON identity.teams (tenant_id, created_at, id)`,
      `CREATE TABLE identity.user_teams (
        user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES identity.teams (id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL,
        PRIMARY KEY (user_id, team_id)
      )`,
      `CREATE INDEX user_teams_team_idx ON identity.user_teams (team_id)`,
      `CREATE TABLE identity.api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES identity.tenants (id),
        name text NOT NULL,
        prefix text NOT NULL CONSTRAINT api_keys_prefix_key UNIQUE,
        key_hash text NOT NULL,
        scopes text[] NOT NULL DEFAULT '{}',
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        last_used_at timestamptz NULL,
        revoked_at timestamptz NULL
      )`,
      `CREATE INDEX api_keys_tenant_keyset_idx ON identity.api_keys (tenant_id, created_at, id)`,
      `CREATE TABLE identity.refresh_tokens (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        revoked_at timestamptz NULL,
        replaced_by uuid NULL
      )`,
      `CREATE INDEX refresh_tokens_user_idx ON identity.refresh_tokens (user_id) WHERE revoked_at IS NULL`,
      `CREATE INDEX refresh_tokens_family_idx ON identity.refresh_tokens (family_id)`,
      `CREATE INDEX refresh_tokens_expires_idx ON identity.refresh_tokens (expires_at)`,
      `CREATE TABLE identity.audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid NOT NULL,
        actor_id uuid NULL,
        actor_kind text NOT NULL,
        entity text NOT NULL,
        entity_id uuid NOT NULL,
        action text NOT NULL,
        changes jsonb NOT NULL DEFAULT '{}'::jsonb,
        request_id text NULL,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX audit_log_entity_idx ON identity.audit_log (tenant_id, entity, entity_id, occurred_at)`,
      ...messagingMigrationSql('identity').up,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of messagingMigrationSql('identity').down) await queryRunner.query(sql);
    for (const table of ['audit_log', 'refresh_tokens', 'api_keys', 'user_teams', 'teams', 'users', 'tenants']) {
      await queryRunner.query(`DROP TABLE IF EXISTS identity.${table}`);
    }
  }
}
