import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sweeper walks the open deadlines in key order every minute. Closed deadlines stay in the table for
 * good and soon outnumber the open ones many times over; without this index each pass would read them
 * all from the primary key only to filter them out.
 */
export class OpenDeadlinesKey1767400000000 implements MigrationInterface {
  name = 'OpenDeadlinesKey1767400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX deadlines_open_key_idx ON deadlines (key) WHERE status = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deadlines_open_key_idx`);
  }
}
