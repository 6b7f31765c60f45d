import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who the agents are, from the IDENTITY stream's `identity.user.changed` events, so the reports can name
 * them. Only what a report shows: no phone, no e-mail (个人信息保护法 minimisation). A read model: the
 * rebuild empties and replays it like the others.
 */
export class ReportingUsers1766100000000 implements MigrationInterface {
  name = 'ReportingUsers1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE users (
      user_id text PRIMARY KEY,
      display_name text NOT NULL,
      role text NOT NULL,
      enabled boolean NOT NULL,
      version int NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE users`);
  }
}
