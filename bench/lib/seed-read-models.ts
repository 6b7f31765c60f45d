import type { Client } from 'pg';
import { INDUSTRY_CHAINS } from '@daiban/contracts';

export interface ReadModelSeed {
  projects: number;
  itemsPerProject: number;
  /** Exactly this many items are red (overdue) now, spread over every county. */
  overdue: number;
}

const DEPARTMENTS = ['fgj', 'zjj', 'zrzyj', 'sthjj', 'yjglj', 'swj', 'slj', 'jtj', 'nyj', 'whj'];
const CATALOG = [
  'investment_filing',
  'eia_table',
  'fire_design_review',
  'civil_air_defense',
  'construction_permit',
  'utility_connections',
];

/**
 * Ten years of a province in reporting's read models, bulk-inserted in SQL (deterministic: every value is a
 * function of the row number). Projects are spread over the registry's parks, one case per project,
 * `itemsPerProject` items each; a project's year is 2017 + n mod 10: items of past years are approved (on
 * time except every 7th), this year's are accepted with a running clock, and exactly `overdue` of them red.
 * Two milestones per project (construction and production started) feed the quarterly report.
 */
export async function seedReadModels(
  pg: Client,
  seed: ReadModelSeed,
): Promise<{ items: number; ms: number }> {
  const started = performance.now();
  await pg.query(
    `INSERT INTO reporting.parks (park_id, name, county_code, active, version)
     SELECT id, name, county_code, true, 1 FROM registry.parks ON CONFLICT (park_id) DO NOTHING`,
  );
  const parks = (await pg.query(`SELECT park_id, county_code FROM reporting.parks ORDER BY park_id`))
    .rows as Array<{
    park_id: string;
    county_code: string;
  }>;
  if (!parks.length) throw new Error('no parks to seed read models into');
  const parkIds = parks.map((p) => p.park_id);
  const counties = parks.map((p) => p.county_code);
  const chains = [...INDUSTRY_CHAINS];
  await pg.query(`SET synchronous_commit = off`);
  await pg.query(
    `INSERT INTO reporting.projects (project_id, snapshot_version, name, project_code, enterprise_id, park_id, county_code,
        total_investment, industry_chain, agency_required, task_force_required, major, green_channel, service_tier,
        stage, status, status_version)
     SELECT 'b5p' || n, 1, '十年项目' || n, (2017 + n % 10) || '-440800-30-03-' || lpad((n % 1000000)::text, 6, '0'),
            'b5e' || (n % 20000), ($1::text[])[(1 + n % $3)::int], ($2::text[])[(1 + n % $3)::int],
            (5000 + (n * 7919) % 500000)::numeric(16,2), ($4::text[])[(1 + n % $5)::int], true, n % 50 = 0, n % 50 = 0, n % 20 = 0,
            'agency', 'signed',
            CASE WHEN n % 10 < 6 THEN 'in_production' WHEN n % 10 < 9 THEN 'under_construction' ELSE 'preparing' END, 1
     FROM generate_series(0, $6 - 1) n`,
    [parkIds, counties, parkIds.length, chains, chains.length, seed.projects],
  );
  await pg.query(
    `INSERT INTO reporting.cases (case_id, project_id, enterprise_id, park_id, county_code, opened_by, agency_required,
        state, agent_user_id, rating, version)
     SELECT 'b5c' || n, 'b5p' || n, 'b5e' || (n % 20000), ($1::text[])[(1 + n % $3)::int], ($2::text[])[(1 + n % $3)::int], 'registry', true,
            CASE WHEN n % 10 = 9 THEN 'in_progress' ELSE 'closed' END, 'b5agent' || (n % 200), NULL, 3
     FROM generate_series(0, $4 - 1) n`,
    [parkIds, counties, parkIds.length, seed.projects],
  );
  await pg.query(
    `INSERT INTO reporting.milestones (milestone_id, project_id, type, date, supersedes_id, park_id, county_code, project_version)
     SELECT 'b5m' || n || k, 'b5p' || n, CASE WHEN k = 0 THEN 'construction_started' ELSE 'production_started' END,
            make_date(2017 + n % 10, 1 + (n * 5 + k * 3) % 12, 1 + n % 28), NULL,
            ($1::text[])[(1 + n % $3)::int], ($2::text[])[(1 + n % $3)::int], 1
     FROM generate_series(0, $4 - 1) n, generate_series(0, 1) k
     WHERE k = 0 OR n % 10 < 6`,
    [parkIds, counties, parkIds.length, seed.projects],
  );
  const total = seed.projects * seed.itemsPerProject;
  // Every (total / overdue)-th item of a current-year project is red; the step keeps them in that year.
  const step = Math.max(1, Math.floor(total / seed.overdue));
  const chunk = 500_000;
  for (let from = 0; from < total; from += chunk) {
    await pg.query(
      `WITH rows AS (
         SELECT k, k / $6 AS n, (2017 + (k / $6) % 10)::int AS year,
                (k % $7 = 0 AND k / $7 < $8) AS red
         FROM generate_series($9::bigint, LEAST($10::bigint, $9::bigint + $11) - 1) k)
       INSERT INTO reporting.items (item_id, case_id, project_id, catalog_code, enterprise_id, park_id, county_code,
          department_code, state, state_version, submitted_at, accepted_at, decided_at, decision, correction_rounds,
          working_days_used, deadline_version, deadline_clock, deadline_active, paused, due_date, due_at, yellow_at,
          red_at, limit_days, unit, provisional, green_channel, major, limit_due_at, limit_due_version)
       SELECT 'b5i' || k, 'b5c' || n, 'b5p' || n, ($1::text[])[(1 + k % $2)::int], 'b5e' || (n % 20000),
              ($3::text[])[(1 + n % $5)::int], ($4::text[])[(1 + n % $5)::int], ($12::text[])[(1 + k % $13)::int],
              CASE WHEN red OR year = 2026 THEN 'accepted' ELSE 'approved' END,
              CASE WHEN red OR year = 2026 THEN 3 ELSE 4 END,
              t0, t0 + interval '2 days',
              CASE WHEN red OR year = 2026 THEN NULL ELSE t0 + interval '1 day' * (10 + k % 30) END,
              CASE WHEN red OR year = 2026 THEN NULL ELSE 'approved' END,
              (k % 5 = 0)::int, CASE WHEN red OR year = 2026 THEN NULL ELSE 8 + k % 20 END,
              1, 'time_limit', red OR year = 2026, false,
              (due)::date, due, due - interval '3 days', due, 20, 'working_days', false, false, false,
              CASE WHEN k % 7 = 0 THEN t0 + interval '9 days' ELSE t0 + interval '40 days' END, 1
       FROM rows,
            LATERAL (SELECT CASE WHEN red THEN now() - interval '1 day' * (1 + rows.k % 30)
                                 WHEN year = 2026 THEN now() + interval '1 day' * (5 + rows.k % 60)
                                 ELSE make_timestamptz(year, 1 + (rows.k % 12)::int, 1 + (rows.k % 28)::int, 2, 0, 0, 'UTC')
                                      + interval '30 days' END AS due) d,
            LATERAL (SELECT CASE WHEN year = 2026 OR red THEN now() - interval '20 days'
                                 ELSE make_timestamptz(year, 1 + (rows.k % 12)::int, 1 + (rows.k % 28)::int, 2, 0, 0, 'UTC')
                            END AS t0) t`,
      [
        CATALOG,
        CATALOG.length,
        parkIds,
        counties,
        parkIds.length,
        seed.itemsPerProject,
        step,
        seed.overdue,
        from,
        total,
        chunk,
        DEPARTMENTS,
        DEPARTMENTS.length,
      ],
    );
  }
  // milestone_facts and its counters were filled by their triggers, as the projection's writes fill them.
  for (const table of [
    'projects',
    'cases',
    'milestones',
    'milestone_facts',
    'milestone_fact_counts',
    'items',
    'parks',
  ])
    await pg.query(`ANALYZE reporting.${table}`);
  return { items: total, ms: performance.now() - started };
}
