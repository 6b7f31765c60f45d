import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Person deliveries are created from preferences alone and find their address at send time (from the
 * gateway); one that finds none ends as `skipped` with the reason in `last_error`.
 */
export class DeliveriesSkipped1767200000000 implements MigrationInterface {
  name = 'DeliveriesSkipped1767200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT IF EXISTS deliveries_status_check`);
    await q.query(
      `ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check
         CHECK (status IN ('queued','retrying','sent','failed','skipped'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE deliveries SET status = 'failed' WHERE status = 'skipped'`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT IF EXISTS deliveries_status_check`);
    await q.query(
      `ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check
         CHECK (status IN ('queued','retrying','sent','failed'))`,
    );
  }
}
