import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox (issue #8, "Measured"): support lists open tickets of their team or assigned to them,
 * newest first. Over 1,000,000 tickets (most of them closed) the visibility rule (assignee OR
 * team OR registered by) became a BitmapOr over every ticket of the team, closed ones included,
 * then a filter and a sort: ~120 ms for an "overdue, high priority" team queue. Partial indexes
 * on the open tickets only keep that bitmap to the open ones (see bench/README.md, inbox-list).
 * The predicate lists the open statuses so a filter on any of them (`status IN (…)`) implies it.
 */
export class InboxIndexes1767400300000 implements MigrationInterface {
  name = 'InboxIndexes1767400300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const open = "status IN ('abierto', 'en_proceso', 'pendiente') AND merged_into_id IS NULL";
    await queryRunner.query(`CREATE INDEX ticket_open_team ON tickets.ticket (tenant_id, team_id, created_at, id) WHERE ${open}`);
    await queryRunner.query(`CREATE INDEX ticket_open_assignee ON tickets.ticket (tenant_id, assignee_id, created_at, id) WHERE ${open}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS tickets.ticket_open_assignee');
    await queryRunner.query('DROP INDEX IF EXISTS tickets.ticket_open_team');
  }
}
