import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pending rungs by time, for the periodic sweep that looks only at rungs due soon (bench B4: a full pass
 * over 100,000 deadlines every minute took about 3 s of the cores the firing of 10,000 due rungs needed).
 *
 * Migration 1767400000000 dropped the plain `(fire_at) WHERE status = 'pending'` index because, without
 * statistics, the planner AND-ed it with the primary key for statements that never bound `fire_at` (the
 * cancel of a deadline's other versions: 2.7 s per batch). The extra `fire_at IS NOT NULL` (the column is
 * NOT NULL) keeps it out of their reach: a partial index is only considered when the statement's own
 * conditions imply its predicate, and only a condition on `fire_at` itself — the sweep's `fire_at <= $1`
 * — implies that it is not null.
 */
export class ReminderDueIndex1767500000000 implements MigrationInterface {
  name = 'ReminderDueIndex1767500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX reminder_rungs_due_idx ON reminder_rungs (fire_at)
        WHERE status = 'pending' AND fire_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX reminder_rungs_due_idx`);
  }
}
