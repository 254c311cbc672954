import type { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEMA = 'notifications';

/**
 * The teams each user belongs to (from identity.user.* events), so a note reminder addressed
 * to a team reaches every active member. Users projected before this migration get their
 * teams with their next identity.user.updated event.
 */
export class UserProjectionTeams1767312000000 implements MigrationInterface {
  name = 'UserProjectionTeams1767312000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ${SCHEMA}.user_projection ADD COLUMN team_ids uuid[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX user_projection_team_ids_idx ON ${SCHEMA}.user_projection USING gin (team_ids)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ${SCHEMA}.user_projection_team_ids_idx`);
    await queryRunner.query(`ALTER TABLE ${SCHEMA}.user_projection DROP COLUMN team_ids`);
  }
}
