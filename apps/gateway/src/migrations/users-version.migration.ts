import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version per user that grows with every change, carried by `identity.user.changed` so consumers
 * keep the newest card whatever order the events arrive in. `token_version` cannot serve: it only
 * moves when sessions must end.
 */
export class UsersVersion1767100000000 implements MigrationInterface {
  name = 'UsersVersion1767100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN version int NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN version`);
  }
}
