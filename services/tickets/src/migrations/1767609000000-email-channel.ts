import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #9 e-mail to ticket:
 * - `ticket_email_address`: the tenants' support addresses (admin-managed). An address belongs to
 *   one tenant only (unique across tenants: the SMTP listener decides the tenant by it), with the
 *   defaults of the tickets it opens (class, priority, category, team).
 * - `inbound_email`: every e-mail the channel accepted, once per (tenant, Message-ID), which makes
 *   a redelivery a no-op: what it became (ticket created, reply added, ignored and why), the
 *   sender, the SPF/DKIM/DMARC results its headers reported, and the files kept or refused.
 */
export class EmailChannel1767609000000 implements MigrationInterface {
  name = 'EmailChannel1767609000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tickets.ticket_email_address (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        address text NOT NULL CHECK (address = lower(address)),
        pqr_class text NOT NULL DEFAULT 'peticion_general',
        priority text NOT NULL DEFAULT 'media',
        category_id uuid REFERENCES tickets.ticket_category(id),
        team_id uuid,
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ticket_email_address_unique UNIQUE (address)
      )`);
    await queryRunner.query('CREATE INDEX ticket_email_address_tenant ON tickets.ticket_email_address (tenant_id, created_at, id)');
    await queryRunner.query(`
      CREATE TABLE tickets.inbound_email (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        address_id uuid NOT NULL REFERENCES tickets.ticket_email_address(id) ON DELETE CASCADE,
        message_id text NOT NULL,
        from_address text,
        from_name text,
        subject text,
        outcome text NOT NULL CHECK (outcome IN ('ticket_created', 'reply_added', 'ignored')),
        reason text,
        ticket_id uuid REFERENCES tickets.ticket(id) ON DELETE SET NULL,
        ticket_message_id uuid,
        spf text,
        dkim text,
        dmarc text,
        auth_headers jsonb NOT NULL DEFAULT '[]'::jsonb,
        size_bytes integer NOT NULL,
        attachments_stored integer NOT NULL DEFAULT 0,
        attachments_refused jsonb NOT NULL DEFAULT '[]'::jsonb,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT inbound_email_once UNIQUE (tenant_id, message_id)
      )`);
    await queryRunner.query('CREATE INDEX inbound_email_recent ON tickets.inbound_email (tenant_id, received_at, id)');
    await queryRunner.query('CREATE INDEX inbound_email_ticket ON tickets.inbound_email (tenant_id, ticket_id, received_at) WHERE ticket_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX inbound_email_sender ON tickets.inbound_email (tenant_id, from_address, received_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS tickets.inbound_email');
    await queryRunner.query('DROP TABLE IF EXISTS tickets.ticket_email_address');
  }
}
