import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clock state per ticket. The scheduler reads only rows whose `next_check_at` has come (partial
 * index), so a pass costs what is due, not what is open. Alert columns are set once under the
 * row lock: two replicas never send the same alert.
 */
export class TicketClocks1767400130000 implements MigrationInterface {
  name = 'TicketClocks1767400130000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tickets.ticket_legal_clock (
        ticket_id uuid PRIMARY KEY REFERENCES tickets.ticket(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL,
        calendar_id uuid NOT NULL REFERENCES tickets.business_calendar(id),
        pqr_class text NOT NULL,
        term_days integer NOT NULL,
        extended_term_days integer,
        received_at timestamptz NOT NULL,
        suspensions jsonb NOT NULL DEFAULT '[]',
        extensions jsonb NOT NULL DEFAULT '[]',
        suspended_since timestamptz,
        due_date date,
        due_at timestamptz,
        answered_at timestamptz,
        due_soon_alerted_at timestamptz,
        due_day_alerted_at timestamptz,
        overdue_alerted_at timestamptz,
        next_check_at timestamptz,
        recompute boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ticket_legal_clock_next_check ON tickets.ticket_legal_clock (next_check_at) WHERE next_check_at IS NOT NULL');
    await queryRunner.query('CREATE INDEX ticket_legal_clock_due ON tickets.ticket_legal_clock (tenant_id, due_at) WHERE answered_at IS NULL');
    await queryRunner.query('CREATE INDEX ticket_legal_clock_calendar ON tickets.ticket_legal_clock (calendar_id) WHERE answered_at IS NULL');

    await queryRunner.query(`
      CREATE TABLE tickets.ticket_sla_clock (
        ticket_id uuid PRIMARY KEY REFERENCES tickets.ticket(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL,
        policy_id uuid REFERENCES tickets.sla_policy(id),
        calendar_id uuid NOT NULL REFERENCES tickets.business_calendar(id),
        started_at timestamptz NOT NULL,
        first_response_minutes integer,
        resolution_minutes integer,
        warning_percent integer NOT NULL DEFAULT 75,
        raise_priority_on_breach boolean NOT NULL DEFAULT false,
        pauses jsonb NOT NULL DEFAULT '[]',
        paused_since timestamptz,
        first_responded_at timestamptz,
        first_response_warn_at timestamptz,
        first_response_due_at timestamptz,
        first_response_warned_at timestamptz,
        first_response_breached_at timestamptz,
        resolution_started_at timestamptz NOT NULL,
        resolved_at timestamptz,
        resolution_warn_at timestamptz,
        resolution_due_at timestamptz,
        resolution_warned_at timestamptz,
        resolution_breached_at timestamptz,
        next_check_at timestamptz,
        recompute boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ticket_sla_clock_next_check ON tickets.ticket_sla_clock (next_check_at) WHERE next_check_at IS NOT NULL');
    await queryRunner.query('CREATE INDEX ticket_sla_clock_calendar ON tickets.ticket_sla_clock (calendar_id) WHERE resolved_at IS NULL');
    await queryRunner.query('CREATE INDEX ticket_sla_clock_policy ON tickets.ticket_sla_clock (policy_id) WHERE resolved_at IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE tickets.ticket_sla_clock');
    await queryRunner.query('DROP TABLE tickets.ticket_legal_clock');
  }
}
