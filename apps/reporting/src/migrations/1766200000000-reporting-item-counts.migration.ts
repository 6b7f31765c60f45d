import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Must stay the expression warningSql (common/sql-params.util.ts) compares, or the index is not used. */
const WARNING_AT = `CASE WHEN deadline_active THEN least(yellow_at, CASE WHEN NOT paused THEN red_at END) END`;

/** A counter table kept by triggers on `source`: one row per key, each measure summed over the source rows. */
export interface CounterSpec {
  table: string;
  source: string;
  /** Key column → its SQL type and its expression over a source row (never NULL: it is in the primary key). */
  keys: Record<string, { type: string; expr: string }>;
  /** Measure column → its expression over a source row (numeric). */
  measures: Record<string, string>;
}

/**
 * Statement-level triggers with transition tables keep a counter table in the transaction that writes its
 * source rows, whichever code writes them (live handlers, the set-based replay, a bulk load): each statement
 * adds its new rows and subtracts its old ones, aggregated per key, so a batch of 500 events costs one
 * counter upsert per key it touched, and a repeated or stale event that changes no counted fact writes nothing
 * (its +1 and −1 cancel and HAVING drops the key). TRUNCATE of the source (a rebuild) empties the counters.
 * The ORDER BY makes concurrent handlers lock counter rows in one order, so they wait instead of deadlocking;
 * SET search_path FROM CURRENT lets a writer with another search_path (a bulk load naming reporting.items)
 * still reach this schema's counters.
 */
export async function createCounters(q: QueryRunner, spec: CounterSpec): Promise<void> {
  const keys = Object.keys(spec.keys);
  const measures = Object.keys(spec.measures);
  const columns = [...keys, ...measures].join(', ');
  await q.query(`CREATE TABLE ${spec.table} (
    ${keys.map((k) => `${k} ${spec.keys[k].type} NOT NULL`).join(', ')},
    ${measures.map((m) => `${m} numeric NOT NULL`).join(', ')},
    PRIMARY KEY (${keys.join(', ')})
  )`);
  const facts = (rows: string, sign: number) =>
    `SELECT ${sign} AS sign, ${keys.map((k) => `${spec.keys[k].expr} AS ${k}`).join(', ')},
       ${measures.map((m) => `${spec.measures[m]} AS ${m}`).join(', ')}
     FROM ${rows}`;
  const upsert = (rows: string) =>
    `INSERT INTO ${spec.table} AS c (${columns})
     SELECT ${keys.join(', ')}, ${measures.map((m) => `sum(sign * ${m})`).join(', ')}
     FROM (${rows}) r
     GROUP BY ${keys.join(', ')}
     HAVING ${measures.map((m) => `sum(sign * ${m}) <> 0`).join(' OR ')}
     ORDER BY ${keys.join(', ')}
     ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${measures.map((m) => `${m} = c.${m} + EXCLUDED.${m}`).join(', ')}`;
  await q.query(`CREATE FUNCTION ${spec.table}_apply() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
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
  await q.query(`CREATE TRIGGER ${spec.table}_insert AFTER INSERT ON ${spec.source} REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ${spec.table}_apply()`);
  await q.query(`CREATE TRIGGER ${spec.table}_update AFTER UPDATE ON ${spec.source}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${spec.table}_apply()`);
  await q.query(`CREATE TRIGGER ${spec.table}_delete AFTER DELETE ON ${spec.source} REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ${spec.table}_apply()`);
  await q.query(`CREATE FUNCTION ${spec.table}_reset() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
    BEGIN
      TRUNCATE ${spec.table};
      RETURN NULL;
    END
  $fn$`);
  await q.query(`CREATE TRIGGER ${spec.table}_truncate AFTER TRUNCATE ON ${spec.source}
    FOR EACH STATEMENT EXECUTE FUNCTION ${spec.table}_reset()`);
  await q.query(upsert(facts(spec.source, 1)));
}

export async function dropCounters(q: QueryRunner, table: string, source: string): Promise<void> {
  for (const trigger of ['insert', 'update', 'delete', 'truncate'])
    await q.query(`DROP TRIGGER ${table}_${trigger} ON ${source}`);
  await q.query(`DROP FUNCTION ${table}_reset()`);
  await q.query(`DROP FUNCTION ${table}_apply()`);
  await q.query(`DROP TABLE ${table}`);
}

/**
 * Counters for the reports that summed every row in scope: items (2.5M at ten years) for the overview and the
 * department ranking, projects and cases for the overview. A place is county and park (and department for
 * items); `decided_year` is the Asia/Shanghai year of the decision (0 while undecided), what the ranking's
 * year filter needs. A project's status and industry chain are '' while unknown.
 */
export class ReportingItemCounts1766200000000 implements MigrationInterface {
  name = 'ReportingItemCounts1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await createCounters(q, {
      table: 'item_counts',
      source: 'items',
      keys: {
        county_code: { type: 'text', expr: 'county_code' },
        park_id: { type: 'text', expr: 'park_id' },
        department_code: { type: 'text', expr: 'department_code' },
        decided_year: {
          type: 'int',
          expr: `COALESCE(extract(year FROM decided_at AT TIME ZONE 'Asia/Shanghai')::int, 0)`,
        },
      },
      measures: {
        items: '1',
        active: 'deadline_active::int',
        judged: '(on_time IS NOT NULL)::int',
        on_time: 'COALESCE(on_time, false)::int',
        working_days_sum: 'COALESCE(working_days_used, 0)',
        working_days_count: '(working_days_used IS NOT NULL)::int',
        submitted: '(submitted_at IS NOT NULL)::int',
        corrections: 'CASE WHEN submitted_at IS NOT NULL THEN correction_rounds ELSE 0 END',
      },
    });
    // Only projects whose snapshot arrived count (a milestone may create the row first).
    await createCounters(q, {
      table: 'project_counts',
      source: 'projects',
      keys: {
        county_code: { type: 'text', expr: 'county_code' },
        park_id: { type: 'text', expr: 'park_id' },
        status: { type: 'text', expr: `COALESCE(status, '')` },
        industry_chain: { type: 'text', expr: `COALESCE(industry_chain, '')` },
      },
      measures: {
        projects: '(snapshot_version > 0)::int',
        investment: 'CASE WHEN snapshot_version > 0 THEN COALESCE(total_investment, 0) ELSE 0 END',
      },
    });
    await createCounters(q, {
      table: 'case_counts',
      source: 'cases',
      keys: {
        county_code: { type: 'text', expr: 'county_code' },
        park_id: { type: 'text', expr: 'park_id' },
        state: { type: 'text', expr: 'state' },
      },
      measures: { cases: '1' },
    });

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
    await dropCounters(q, 'case_counts', 'cases');
    await dropCounters(q, 'project_counts', 'projects');
    await dropCounters(q, 'item_counts', 'items');
  }
}
