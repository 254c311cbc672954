import type { MigrationInterface, QueryRunner } from 'typeorm';
import { idempotencyMigrationSql } from '@crm/database';

/**
 * The core of the PQR service (issue #8): tickets with their radicado counter, the category
 * catalogue, messages and attachments, assignment rules and history, and the projections of
 * contacts and users that tickets needs (kept from events, never read across schemas).
 *
 * - `tickets.fold_text(text)`: lower case without accents (unaccent when provisioning installed
 *   it, else a translate() table), IMMUTABLE so `search_text` can be a generated column.
 * - `search_text`: radicado, subject and requester (name, e-mail, document number) folded,
 *   with a pg_trgm GIN index for `LIKE '%…%'` search.
 * - `radicado_counter`: one row per tenant and year, locked by the creating transaction, so
 *   numbers are gapless (a rolled-back creation gives its number back) and never repeated.
 */
export class TicketsCore1767400000000 implements MigrationInterface {
  name = 'TicketsCore1767400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const [{ unaccent }] = await queryRunner.query("SELECT to_regprocedure('public.unaccent(regdictionary, text)') IS NOT NULL AS unaccent");
    const fold = unaccent
      ? "SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1))"
      : "SELECT lower(translate($1, 'ÁÀÂÄÃÅáàâäãåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖÕóòôöõÚÙÛÜúùûüÑñÇçÝýÿ', 'AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuNnCcYyy'))";
    await queryRunner.query(`CREATE FUNCTION tickets.fold_text(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ ${fold} $fn$`);

    await queryRunner.query(`
      CREATE TABLE tickets.radicado_counter (
        tenant_id uuid NOT NULL,
        year integer NOT NULL,
        last_value integer NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, year)
      )`);

    await queryRunner.query(`
      CREATE TABLE tickets.ticket_category (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        code text,
        name_es text NOT NULL,
        name_en text,
        active boolean NOT NULL DEFAULT true,
        position integer NOT NULL DEFAULT 0
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX ticket_category_name ON tickets.ticket_category (tenant_id, tickets.fold_text(name_es))');
    await queryRunner.query('CREATE UNIQUE INDEX ticket_category_code ON tickets.ticket_category (tenant_id, code) WHERE code IS NOT NULL');
    // The Spanish defaults are seeded once per tenant: this row says it happened.
    await queryRunner.query('CREATE TABLE tickets.category_seed (tenant_id uuid PRIMARY KEY, seeded_at timestamptz NOT NULL DEFAULT now())');

    await queryRunner.query(`
      CREATE TABLE tickets.ticket (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        radicado text NOT NULL,
        pqr_class text NOT NULL CHECK (pqr_class IN ('peticion_general', 'peticion_documentos', 'consulta', 'queja', 'reclamo', 'sugerencia', 'felicitacion', 'denuncia')),
        category_id uuid REFERENCES tickets.ticket_category(id),
        priority text NOT NULL CHECK (priority IN ('alta', 'media', 'baja')),
        status text NOT NULL CHECK (status IN ('abierto', 'en_proceso', 'pendiente', 'cerrado')),
        channel text NOT NULL CHECK (channel IN ('web', 'email', 'telefono', 'presencial', 'chat', 'erp')),
        subject text NOT NULL,
        description text NOT NULL,
        contact_id uuid,
        requester_name text,
        requester_document_type text,
        requester_document_number text,
        requester_email text,
        requester_phone text,
        requester_language text NOT NULL DEFAULT 'es' CHECK (requester_language IN ('es', 'en')),
        owner_id uuid,
        assignee_id uuid,
        team_id uuid,
        tags text[] NOT NULL DEFAULT '{}',
        received_at timestamptz NOT NULL,
        first_responded_at timestamptz,
        closed_at timestamptz,
        closed_by uuid,
        resolution text,
        tracking_token_hash text,
        merged_into_id uuid REFERENCES tickets.ticket(id),
        created_by uuid,
        updated_by uuid,
        search_text text GENERATED ALWAYS AS (tickets.fold_text(
          radicado || ' ' || subject || ' ' || coalesce(requester_name, '') || ' ' || coalesce(requester_email, '') || ' ' || coalesce(requester_document_number, '')
        )) STORED,
        CONSTRAINT ticket_radicado_unique UNIQUE (tenant_id, radicado)
      )`);
    await queryRunner.query('CREATE INDEX ticket_keyset_created ON tickets.ticket (tenant_id, created_at, id)');
    await queryRunner.query('CREATE INDEX ticket_keyset_received ON tickets.ticket (tenant_id, received_at, id)');
    await queryRunner.query('CREATE INDEX ticket_status ON tickets.ticket (tenant_id, status, created_at, id)');
    await queryRunner.query('CREATE INDEX ticket_assignee ON tickets.ticket (tenant_id, assignee_id, created_at, id)');
    await queryRunner.query('CREATE INDEX ticket_team ON tickets.ticket (tenant_id, team_id, created_at, id)');
    await queryRunner.query('CREATE INDEX ticket_owner ON tickets.ticket (tenant_id, owner_id)');
    await queryRunner.query('CREATE INDEX ticket_contact ON tickets.ticket (tenant_id, contact_id) WHERE contact_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX ticket_tracking ON tickets.ticket (tracking_token_hash) WHERE tracking_token_hash IS NOT NULL');
    await queryRunner.query('CREATE INDEX ticket_search_trgm ON tickets.ticket USING gin (search_text public.gin_trgm_ops)');
    await queryRunner.query('ALTER TABLE tickets.ticket ALTER COLUMN search_text SET STATISTICS 1000');

    await queryRunner.query(`
      CREATE TABLE tickets.ticket_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        ticket_id uuid NOT NULL REFERENCES tickets.ticket(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('public', 'internal')),
        author_kind text NOT NULL CHECK (author_kind IN ('staff', 'requester')),
        author_id uuid,
        author_name text,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query('CREATE INDEX ticket_message_history ON tickets.ticket_message (tenant_id, ticket_id, created_at, id)');

    await queryRunner.query(`
      CREATE TABLE tickets.ticket_attachment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        ticket_id uuid NOT NULL REFERENCES tickets.ticket(id) ON DELETE CASCADE,
        message_id uuid REFERENCES tickets.ticket_message(id) ON DELETE CASCADE,
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL,
        object_key text NOT NULL UNIQUE,
        uploaded_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ticket_attachment_by_ticket ON tickets.ticket_attachment (tenant_id, ticket_id, created_at)');

    // Everything that happened to a ticket (creation, assignment, status, changes), in order.
    await queryRunner.query(`
      CREATE TABLE tickets.ticket_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        ticket_id uuid NOT NULL REFERENCES tickets.ticket(id) ON DELETE CASCADE,
        kind text NOT NULL,
        actor_id uuid,
        details jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query('CREATE INDEX ticket_history_by_ticket ON tickets.ticket_history (tenant_id, ticket_id, occurred_at, id)');

    await queryRunner.query(`
      CREATE TABLE tickets.team_assignment_rule (
        tenant_id uuid NOT NULL,
        team_id uuid NOT NULL,
        strategy text NOT NULL CHECK (strategy IN ('round_robin', 'least_open')),
        active boolean NOT NULL DEFAULT true,
        last_assignee_id uuid,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, team_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE tickets.contact_ref (
        contact_id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        display_name text NOT NULL,
        email text,
        phone text,
        tax_id text,
        merged_into_id uuid,
        anonymized_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX contact_ref_tenant ON tickets.contact_ref (tenant_id)');

    await queryRunner.query(`
      CREATE TABLE tickets.user_ref (
        user_id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        name text NOT NULL,
        email text,
        language text NOT NULL DEFAULT 'es',
        team_ids uuid[] NOT NULL DEFAULT '{}',
        roles text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL,
        source_version integer NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX user_ref_tenant ON tickets.user_ref (tenant_id)');
    await queryRunner.query('CREATE INDEX user_ref_teams ON tickets.user_ref USING gin (team_ids)');

    // Idempotency-Key records of POST /tickets (libs/database's IdempotencyStore).
    for (const sql of idempotencyMigrationSql('tickets').up) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of idempotencyMigrationSql('tickets').down) await queryRunner.query(sql);
    for (const table of [
      'user_ref',
      'contact_ref',
      'team_assignment_rule',
      'ticket_history',
      'ticket_attachment',
      'ticket_message',
      'ticket',
      'category_seed',
      'ticket_category',
      'radicado_counter',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS tickets.${table}`);
    }
    await queryRunner.query('DROP FUNCTION IF EXISTS tickets.fold_text(text)');
  }
}
