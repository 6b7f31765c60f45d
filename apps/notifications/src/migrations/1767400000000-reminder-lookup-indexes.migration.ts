import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the way the reminder engine reads rungs: by deadline, never by time alone (bench B4).
 *
 * The pending rungs of one deadline version, in firing order: the sweeper and each firing read the next
 * one, and a new version cancels the pending rungs of the others. With only the primary key (whose
 * second column is the rung) and the partial index on `fire_at`, the planner could answer "pending rungs
 * of this deadline" by AND-ing the two indexes — reading every pending rung of every deadline once per
 * deadline in the statement. It did so whenever statistics were missing or stale (a table filling up
 * faster than autovacuum analyses it, or autovacuum off as on the bench server): 2.7 s per batch of 64
 * deadlines at 60,000 deadlines. Nothing reads pending rungs by time alone, so that index goes.
 *
 * The keys of the deadlines not closed, in order: the sweeper walks them page by page. Closed deadlines
 * stay in the table for good and soon outnumber the rest many times over. The predicate is `<> 'closed'`
 * rather than `= 'open'` on purpose: without statistics the planner takes an equality on `status` to
 * match 0.5 % of the rows, and then preferred to bitmap-scan and sort every remaining key on each page
 * over an ordered scan of 2,000; paused deadlines are few and have no pending rungs.
 */
export class ReminderLookupIndexes1767400000000 implements MigrationInterface {
  name = 'ReminderLookupIndexes1767400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX reminder_rungs_next_idx ON reminder_rungs (deadline_key, version, fire_at, rung)
        WHERE status = 'pending'`,
    );
    await q.query(`DROP INDEX reminder_rungs_pending_idx`);
    await q.query(`CREATE INDEX deadlines_unclosed_key_idx ON deadlines (key) WHERE status <> 'closed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deadlines_unclosed_key_idx`);
    await q.query(
      `CREATE INDEX reminder_rungs_pending_idx ON reminder_rungs (fire_at) WHERE status = 'pending'`,
    );
    await q.query(`DROP INDEX reminder_rungs_next_idx`);
  }
}
