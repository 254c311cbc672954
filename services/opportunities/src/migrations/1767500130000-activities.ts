import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #7 activities and agenda: tasks, calls, meetings, visits and logged e-mails, linked to an
 * opportunity and/or a contact, assigned to a user (creator kept apart: delegation).
 */
export class Activities1767500130000 implements MigrationInterface {
  name = 'Activities1767500130000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE opportunities.activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        type text NOT NULL CHECK (type IN ('task', 'call', 'meeting', 'visit', 'email')),
        subject text NOT NULL,
        description text,
        opportunity_id uuid REFERENCES opportunities.opportunity (id),
        contact_id uuid,
        due_at timestamptz,
        duration_minutes int CHECK (duration_minutes > 0),
        assigned_to uuid NOT NULL,
        created_by uuid NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'cancelled')),
        outcome text,
        completed_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (opportunity_id IS NOT NULL OR contact_id IS NOT NULL)
      )`);
    await queryRunner.query('CREATE INDEX activity_agenda_idx ON opportunities.activity (tenant_id, assigned_to, due_at, id)');
    await queryRunner.query("CREATE INDEX activity_overdue_idx ON opportunities.activity (tenant_id, due_at) WHERE status = 'pending'");
    await queryRunner.query('CREATE INDEX activity_opportunity_idx ON opportunities.activity (tenant_id, opportunity_id, due_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE opportunities.activity');
  }
}
