import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createCounters, dropCounters } from './1766200000000-reporting-item-counts.migration';

/**
 * The facts the quarterly report lists, computed from `milestones` (and `projects` for the place) as the
 * report used to compute them at every request: per project, type and calendar year the earliest effective
 * milestone (a corrected one no longer counts, a project counts once), placed where its project is now, or
 * where the milestone was recorded while reporting has no project row. Ties on the date fall to the milestone
 * id so the choice never depends on a plan.
 */
const FACTS_OF = (where: string) => `
  SELECT DISTINCT ON (m.project_id, m.type, extract(year FROM m.date))
    m.project_id, m.type, extract(year FROM m.date)::int, m.date, COALESCE(p.county_code, m.county_code),
    COALESCE(p.park_id, m.park_id), p.enterprise_id
  FROM effective_milestones m LEFT JOIN projects p ON p.project_id = m.project_id
  WHERE ${where}
  ORDER BY m.project_id, m.type, extract(year FROM m.date), m.date, m.milestone_id`;
const FACT_COLUMNS = 'project_id, type, year, date, county_code, park_id, enterprise_id';

/** Projects whose facts a statement's milestones touch: their own, and those of the milestones they supersede. */
const TOUCHED = (rows: string) => `
  SELECT project_id AS id FROM ${rows}
  UNION ALL SELECT s.project_id FROM ${rows} r JOIN milestones s ON s.milestone_id = r.supersedes_id`;

/**
 * `milestone_facts` and its counters per year, type, place and quarter. Statement-level triggers keep them in
 * the transaction that writes milestones or projects, whichever code writes them (live handlers, a rebuild's
 * replay, a bulk load), so a year's counts are read from a few counter rows and a unit's first rows from an
 * index instead of joining the year's milestones with every project and ranking them at each request (bench
 * B5: 10,000 facts a year city-wide at ten years).
 *
 * A milestone statement recomputes the facts of the projects it touches (few rows per project, found through
 * milestones_project_idx) and writes only those that changed (about 0.25 ms of PostgreSQL per milestone event,
 * counters included). A project statement only moves its facts to the project's place, and writes nothing
 * when the place did not change (most snapshots). TRUNCATE of either source (a rebuild) recomputes the whole
 * table from what is left, which is nothing when both are emptied together.
 */
export class ReportingMilestoneFacts1766350000000 implements MigrationInterface {
  name = 'ReportingMilestoneFacts1766350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX milestones_project_idx ON milestones (project_id)`);
    await q.query(`CREATE TABLE milestone_facts (
      project_id text NOT NULL,
      type text NOT NULL,
      year int NOT NULL,
      date date NOT NULL,
      county_code text NOT NULL,
      park_id text NOT NULL,
      enterprise_id text,
      PRIMARY KEY (project_id, type, year)
    )`);
    // A unit's list in date order: the first rows of a county's or park's year are an index range.
    await q.query(
      `CREATE INDEX milestone_facts_county_idx ON milestone_facts (year, type, county_code, date, project_id)`,
    );
    await q.query(
      `CREATE INDEX milestone_facts_park_idx ON milestone_facts (year, type, park_id, date, project_id)`,
    );
    // Generic plans: a custom plan for a few project ids costs more to make (about 1 ms) than to run, and the
    // generic one (index lookups per id) is the same plan.
    await q.query(`CREATE FUNCTION milestone_facts_refresh(ids text[], prune boolean) RETURNS void LANGUAGE plpgsql
      SET search_path FROM CURRENT SET plan_cache_mode = force_generic_plan AS $fn$
      BEGIN
        INSERT INTO milestone_facts AS f (${FACT_COLUMNS}) ${FACTS_OF('m.project_id = ANY(ids)')}
        ON CONFLICT (project_id, type, year) DO UPDATE SET date = EXCLUDED.date, county_code = EXCLUDED.county_code,
          park_id = EXCLUDED.park_id, enterprise_id = EXCLUDED.enterprise_id
        WHERE (f.date, f.county_code, f.park_id, f.enterprise_id)
          IS DISTINCT FROM (EXCLUDED.date, EXCLUDED.county_code, EXCLUDED.park_id, EXCLUDED.enterprise_id);
        -- A fact disappears only when its milestones stop counting (superseded or gone).
        IF prune THEN
          DELETE FROM milestone_facts f WHERE f.project_id = ANY(ids) AND NOT EXISTS (
            SELECT 1 FROM effective_milestones m
            WHERE m.project_id = f.project_id AND m.type = f.type AND extract(year FROM m.date) = f.year);
        END IF;
      END
    $fn$`);
    await q.query(`CREATE FUNCTION milestone_facts_on_milestones() RETURNS trigger LANGUAGE plpgsql
      SET search_path FROM CURRENT AS $fn$
      DECLARE
        ids text[];
        prune boolean := TG_OP <> 'INSERT';
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(DISTINCT id) INTO ids FROM (${TOUCHED('new_rows')}) t;
          prune := EXISTS (SELECT 1 FROM new_rows WHERE supersedes_id IS NOT NULL);
        ELSIF TG_OP = 'UPDATE' THEN
          SELECT array_agg(DISTINCT id) INTO ids FROM (${TOUCHED('new_rows')} UNION ALL ${TOUCHED('old_rows')}) t;
        ELSE
          SELECT array_agg(DISTINCT id) INTO ids FROM (${TOUCHED('old_rows')}) t;
        END IF;
        -- A repeated event inserts no milestone: nothing to recompute.
        IF ids IS NOT NULL THEN
          PERFORM milestone_facts_refresh(ids, prune);
        END IF;
        RETURN NULL;
      END
    $fn$`);
    // A project row always has its place, so a fact of a known project is where the project is.
    await q.query(`CREATE FUNCTION milestone_facts_on_projects() RETURNS trigger LANGUAGE plpgsql
      SET search_path FROM CURRENT AS $fn$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM milestone_facts_refresh(ARRAY(SELECT project_id FROM old_rows), true);
        -- Checked first: an UPDATE of no row would still run the counters' statement trigger.
        ELSIF EXISTS (SELECT 1 FROM milestone_facts f JOIN new_rows n ON n.project_id = f.project_id
                      WHERE (f.county_code, f.park_id, f.enterprise_id)
                        IS DISTINCT FROM (n.county_code, n.park_id, n.enterprise_id)) THEN
          UPDATE milestone_facts f
          SET county_code = n.county_code, park_id = n.park_id, enterprise_id = n.enterprise_id
          FROM new_rows n
          WHERE f.project_id = n.project_id
            AND (f.county_code, f.park_id, f.enterprise_id) IS DISTINCT FROM (n.county_code, n.park_id, n.enterprise_id);
        END IF;
        RETURN NULL;
      END
    $fn$`);
    await q.query(`CREATE FUNCTION milestone_facts_reset() RETURNS trigger LANGUAGE plpgsql
      SET search_path FROM CURRENT AS $fn$
      BEGIN
        TRUNCATE milestone_facts;
        INSERT INTO milestone_facts (${FACT_COLUMNS}) ${FACTS_OF('true')};
        RETURN NULL;
      END
    $fn$`);
    for (const source of ['milestones', 'projects']) {
      const apply = `milestone_facts_on_${source}()`;
      await q.query(`CREATE TRIGGER milestone_facts_insert AFTER INSERT ON ${source}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${apply}`);
      await q.query(`CREATE TRIGGER milestone_facts_update AFTER UPDATE ON ${source}
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${apply}`);
      await q.query(`CREATE TRIGGER milestone_facts_delete AFTER DELETE ON ${source}
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${apply}`);
      await q.query(`CREATE TRIGGER milestone_facts_truncate AFTER TRUNCATE ON ${source}
        FOR EACH STATEMENT EXECUTE FUNCTION milestone_facts_reset()`);
    }
    await createCounters(q, {
      table: 'milestone_fact_counts',
      source: 'milestone_facts',
      keys: {
        year: { type: 'int', expr: 'year' },
        type: { type: 'text', expr: 'type' },
        county_code: { type: 'text', expr: 'county_code' },
        park_id: { type: 'text', expr: 'park_id' },
        quarter: { type: 'int', expr: 'extract(quarter FROM date)::int' },
      },
      measures: { facts: '1' },
    });
    await q.query(`INSERT INTO milestone_facts (${FACT_COLUMNS}) ${FACTS_OF('true')}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropCounters(q, 'milestone_fact_counts', 'milestone_facts');
    for (const source of ['milestones', 'projects'])
      for (const trigger of ['insert', 'update', 'delete', 'truncate'])
        await q.query(`DROP TRIGGER milestone_facts_${trigger} ON ${source}`);
    for (const fn of ['reset()', 'on_projects()', 'on_milestones()', 'refresh(text[], boolean)'])
      await q.query(`DROP FUNCTION milestone_facts_${fn}`);
    await q.query(`DROP TABLE milestone_facts`);
    await q.query(`DROP INDEX milestones_project_idx`);
  }
}
