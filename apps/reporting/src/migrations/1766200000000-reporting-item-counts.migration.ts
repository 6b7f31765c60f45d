import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Must stay the expression warningSql (common/sql-params.util.ts) compares, or the index is not used. */
const WARNING_AT = `CASE WHEN deadline_active THEN least(yellow_at, CASE WHEN NOT paused THEN red_at END) END`;

/**
 * Per-place totals of the items, so the overview and the department ranking read a few thousand counter rows
 * instead of summing millions of closed items. A place is county, park and department; `decided_year` is the
 * Asia/Shanghai year of the decision (0 while undecided), which is what the ranking's year filter needs.
 *
 * Statement-level triggers with transition tables keep the counters in the transaction that writes the items,
 * whichever code writes them (live handlers, the set-based replay, a bulk load): each statement adds its new
 * rows and subtracts its old ones, aggregated per place, so a batch of 500 events costs one counter upsert per
 * place it touched, and a repeated or stale event that changes no row changes no counter. TRUNCATE of items
 * (a rebuild) empties the counters with it.
 */
export class ReportingItemCounts1766200000000 implements MigrationInterface {
  name = 'ReportingItemCounts1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE item_counts (
      county_code text NOT NULL,
      park_id text NOT NULL,
      department_code text NOT NULL,
      decided_year int NOT NULL,
      items bigint NOT NULL,
      active bigint NOT NULL,
      judged bigint NOT NULL,
      on_time bigint NOT NULL,
      working_days_sum bigint NOT NULL,
      working_days_count bigint NOT NULL,
      submitted bigint NOT NULL,
      corrections bigint NOT NULL,
      PRIMARY KEY (county_code, park_id, department_code, decided_year)
    )`);
    // The sign column lets one statement add new rows and subtract old ones; rows whose counted facts did
    // not change cancel out and are filtered by HAVING, so they write nothing.
    const facts = (source: string, sign: number) =>
      `SELECT ${sign} AS sign, county_code, park_id, department_code,
         COALESCE(extract(year FROM decided_at AT TIME ZONE 'Asia/Shanghai')::int, 0) AS decided_year,
         deadline_active::int AS active, (on_time IS NOT NULL)::int AS judged, COALESCE(on_time, false)::int AS on_time,
         COALESCE(working_days_used, 0) AS working_days_sum, (working_days_used IS NOT NULL)::int AS working_days_count,
         (submitted_at IS NOT NULL)::int AS submitted,
         CASE WHEN submitted_at IS NOT NULL THEN correction_rounds ELSE 0 END AS corrections
       FROM ${source}`;
    const upsert = (rows: string) =>
      `INSERT INTO item_counts AS c (county_code, park_id, department_code, decided_year, items, active, judged,
         on_time, working_days_sum, working_days_count, submitted, corrections)
       SELECT county_code, park_id, department_code, decided_year, sum(sign), sum(sign * active),
         sum(sign * judged), sum(sign * on_time), sum(sign * working_days_sum), sum(sign * working_days_count),
         sum(sign * submitted), sum(sign * corrections)
       FROM (${rows}) r
       GROUP BY county_code, park_id, department_code, decided_year
       HAVING sum(sign) <> 0 OR sum(sign * active) <> 0 OR sum(sign * judged) <> 0 OR sum(sign * on_time) <> 0
         OR sum(sign * working_days_sum) <> 0 OR sum(sign * working_days_count) <> 0 OR sum(sign * submitted) <> 0
         OR sum(sign * corrections) <> 0
       ORDER BY county_code, park_id, department_code, decided_year
       ON CONFLICT (county_code, park_id, department_code, decided_year) DO UPDATE SET
         items = c.items + EXCLUDED.items, active = c.active + EXCLUDED.active, judged = c.judged + EXCLUDED.judged,
         on_time = c.on_time + EXCLUDED.on_time, working_days_sum = c.working_days_sum + EXCLUDED.working_days_sum,
         working_days_count = c.working_days_count + EXCLUDED.working_days_count,
         submitted = c.submitted + EXCLUDED.submitted, corrections = c.corrections + EXCLUDED.corrections`;
    // The ORDER BY makes concurrent handlers lock counter rows in one order, so they wait instead of deadlocking.
    // SET search_path FROM CURRENT: a writer with another search_path (a bulk load naming reporting.items)
    // must still reach this schema's item_counts.
    await q.query(`CREATE FUNCTION item_counts_apply() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${upsert(facts('new_rows', 1))};
        ELSIF TG_OP = 'UPDATE' THEN
          ${upsert(`${facts('new_rows', 1)} UNION ALL ${facts('old_rows', -1)}`)};
        ELSE
          ${upsert(facts('old_rows', -1))};
        END IF;
        RETURN NULL;
      END
    $fn$`);
    await q.query(`CREATE TRIGGER items_counts_insert AFTER INSERT ON items REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION item_counts_apply()`);
    await q.query(`CREATE TRIGGER items_counts_update AFTER UPDATE ON items
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION item_counts_apply()`);
    await q.query(`CREATE TRIGGER items_counts_delete AFTER DELETE ON items REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION item_counts_apply()`);
    await q.query(`CREATE FUNCTION item_counts_reset() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
      BEGIN
        TRUNCATE item_counts;
        RETURN NULL;
      END
    $fn$`);
    await q.query(`CREATE TRIGGER items_counts_truncate AFTER TRUNCATE ON items
      FOR EACH STATEMENT EXECUTE FUNCTION item_counts_reset()`);
    await q.query(`${upsert(facts('items', 1))}`);

    // Lights need only the items with a running clock, and of those the yellow and red ones. The old yellow
    // index served only unpaused items, so the warning condition (a paused item still turns yellow) scanned
    // every item. One expression gives the instant an item turns yellow or red (NULL without a running clock);
    // its statistics tell the planner that few items are past it, which column statistics cannot: every
    // closed item's yellow_at is in the past.
    await q.query(`DROP INDEX items_yellow_idx`);
    await q.query(`CREATE INDEX items_warning_idx ON items ((${WARNING_AT})) WHERE deadline_active`);
    await q.query(`CREATE STATISTICS items_warning_stats ON (${WARNING_AT}) FROM items`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP STATISTICS items_warning_stats`);
    await q.query(`DROP INDEX items_warning_idx`);
    await q.query(`CREATE INDEX items_yellow_idx ON items (yellow_at) WHERE deadline_active AND NOT paused`);
    for (const trigger of ['items_counts_insert', 'items_counts_update', 'items_counts_delete', 'items_counts_truncate'])
      await q.query(`DROP TRIGGER ${trigger} ON items`);
    await q.query(`DROP FUNCTION item_counts_reset()`);
    await q.query(`DROP FUNCTION item_counts_apply()`);
    await q.query(`DROP TABLE item_counts`);
  }
}
