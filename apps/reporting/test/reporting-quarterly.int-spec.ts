import ExcelJS from 'exceljs';
import type { Quarter } from '@daiban/calendar';
import {
  reportingExport,
  reportingQuarterly,
  type Caller,
  type ExportFile,
  type QuarterlyReport,
} from '@daiban/contracts';
import { requireReportReader } from '../src/common/report-access.util';
import { QuarterlyDataRepository } from '../src/quarterly/quarterly-data.repository';
import { QUARTERLY_LIST_LIMIT, capLists } from '../src/quarterly/quarterly.handler';
import { QuarterlyService, countiesInScope, unitOf } from '../src/quarterly/quarterly.service';
import { TargetsService, countyTargets, parkTargets } from '../src/targets/targets.service';
import {
  callers,
  countersAndRecount,
  leaders,
  startReporting,
  type ReportingHarness,
} from './reporting-harness';

const YEAR = 2026;
// Counties with and without a name of their own, one of them (XQ0001) outside COUNTY_NAMES.
const PARKS = [
  { id: 'qq-park-a', county: '440802', active: true },
  { id: 'qq-park-b', county: '440802', active: true },
  { id: 'qq-park-c', county: '440803', active: true },
  { id: 'qq-park-old', county: '440804', active: false },
  { id: 'qq-park-x', county: 'XQ0001', active: true },
];
const PROJECTS = 150;

/**
 * The quarterly report as it was computed before the counts and the cut moved into SQL: every fact of the year
 * fetched, each unit's lists filtered and counted in the service, then cut at the limit.
 */
async function recounted(
  h: ReportingHarness,
  caller: Caller,
  quarter: Quarter,
  limit: number | null,
): Promise<QuarterlyReport> {
  const scope = requireReportReader(caller).scope;
  const facts = await h.app.get(QuarterlyService).facts(scope, YEAR, quarter);
  const targets = await h.app.get(TargetsService).forYear(YEAR);
  const parks = await h.app.get(QuarterlyDataRepository).parks(scope);
  const parkIds = new Map(parks.map((p) => [p.parkId, p]));
  for (const f of [...facts.milestones, ...facts.land])
    if (!parkIds.has(f.parkId))
      parkIds.set(f.parkId, { parkId: f.parkId, name: f.parkName ?? f.parkId, countyCode: f.countyCode });
  const whole: QuarterlyReport = {
    year: YEAR,
    quarter,
    listLimit: null,
    periodStart: facts.period.start,
    periodEnd: facts.period.end,
    counties: countiesInScope(scope, facts).map((code) =>
      unitOf(facts, countyTargets(targets, code), { countyCode: code, parkId: null, parkName: null }),
    ),
    parks: [...parkIds.values()]
      .sort((a, b) => a.countyCode.localeCompare(b.countyCode) || a.parkId.localeCompare(b.parkId))
      .map((park) =>
        unitOf(facts, parkTargets(targets, park.parkId), {
          countyCode: park.countyCode,
          parkId: park.parkId,
          parkName: park.name,
        }),
      ),
  };
  return limit == null ? whole : capLists(whole, limit);
}

async function readXlsx(file: ExportFile) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => ({ name: sheet.name, rows: sheet.rowCount - 1 }));
}

describe('reporting: the quarterly report counts and cuts its lists in SQL', () => {
  let h: ReportingHarness;

  beforeAll(async () => {
    h = await startReporting('2026-11-30T04:00:00Z');
    for (const p of PARKS)
      await h.db.query(
        `INSERT INTO parks (park_id, name, county_code, active, version) VALUES ($1, $1 || ' 园区', $2, $3, 1)`,
        [p.id, p.county, p.active],
      );
    // Most projects in qq-park-a (well past the limit of 50), many sharing a date so the order falls to the id.
    await h.db.query(
      `INSERT INTO projects (project_id, snapshot_version, name, project_code, enterprise_id, park_id, county_code,
         total_investment, industry_chain, status, status_version)
       SELECT 'qq-p' || lpad(n::text, 3, '0'), 1, '季度项目' || n, 'code-' || n, 'qq-ent-' || (n % 3),
         pk.id, pk.county, (10000 + n * 37)::numeric(16,2), CASE WHEN n % 4 = 0 THEN NULL ELSE 'new_materials' END,
         'under_construction', 1
       FROM generate_series(1, $1) n,
         LATERAL (SELECT CASE WHEN n <= 90 THEN 'qq-park-a' WHEN n <= 110 THEN 'qq-park-b' WHEN n <= 125 THEN 'qq-park-c'
                              WHEN n <= 135 THEN 'qq-park-old' ELSE 'qq-park-x' END AS id) k,
         LATERAL (SELECT (CASE WHEN k.id IN ('qq-park-a', 'qq-park-b') THEN '440802' WHEN k.id = 'qq-park-c' THEN '440803'
                               WHEN k.id = 'qq-park-old' THEN '440804' ELSE 'XQ0001' END) AS county, k.id) pk`,
      [PROJECTS],
    );
    // Every project started in 2025 or 2026; every third went into production; some started twice (the
    // earlier counts); one start corrected (the correction counts); two milestones of projects whose snapshot
    // has not arrived (counted where recorded, one in a park reporting does not know).
    await h.db.query(
      `INSERT INTO milestones (milestone_id, project_id, type, date, supersedes_id, park_id, county_code, project_version)
       SELECT 'qq-m' || n || '-' || t, p.project_id, t,
         make_date(CASE WHEN n % 9 = 0 THEN 2025 ELSE 2026 END, 1 + (n * 7 + length(t)) % 12, 1 + (n % 3) * 9),
         NULL, p.park_id, p.county_code, 1
       FROM generate_series(1, $1) n
       JOIN projects p ON p.project_id = 'qq-p' || lpad(n::text, 3, '0'),
       unnest(ARRAY['construction_started', 'production_started']) t
       WHERE t = 'construction_started' OR n % 3 = 0`,
      [PROJECTS],
    );
    await h.db.query(
      `INSERT INTO milestones (milestone_id, project_id, type, date, supersedes_id, park_id, county_code, project_version)
       VALUES ('qq-again-1', 'qq-p001', 'construction_started', '2026-12-30', NULL, 'qq-park-a', '440802', 2),
              ('qq-again-2', 'qq-p002', 'construction_started', '2026-01-02', NULL, 'qq-park-a', '440802', 2),
              ('qq-fix-4', 'qq-p004', 'construction_started', '2026-05-05', 'qq-m4-construction_started', 'qq-park-a', '440802', 2),
              ('qq-early-1', 'qq-ghost-1', 'construction_started', '2026-03-03', NULL, 'qq-park-b', '440802', 1),
              ('qq-early-2', 'qq-ghost-2', 'production_started', '2026-08-08', NULL, 'qq-park-gone', '440881', 1)`,
    );
    // Land: 60 reserved records in qq-park-a (past the limit), others elsewhere, areas at four decimals.
    await h.db.query(
      `INSERT INTO land_records (land_record_id, park_id, county_code, kind, area_mu, date)
       SELECT 'qq-l' || lpad(n::text, 3, '0'), pk.id, pk.county,
         CASE WHEN n <= 60 OR n % 2 = 0 THEN 'reserved' ELSE 'revitalized' END,
         (n * 1.2345 + 0.0001)::numeric(14,4), make_date(2026, 1 + n % 12, 1 + (n % 2) * 14)
       FROM generate_series(1, 100) n,
         LATERAL (SELECT CASE WHEN n <= 60 THEN 'qq-park-a' WHEN n <= 80 THEN 'qq-park-c' ELSE 'qq-park-x' END AS id) k,
         LATERAL (SELECT k.id, CASE WHEN k.id = 'qq-park-a' THEN '440802' WHEN k.id = 'qq-park-c' THEN '440803'
                                    ELSE 'XQ0001' END AS county) pk`,
    );
  });

  afterAll(async () => {
    await h?.close();
  });

  const READERS: Array<[string, Caller]> = [
    ['the city', leaders.city],
    ['a county', leaders.county('440802')],
    ['a park director', callers.director('qq-park-a')],
  ];

  /** Every reader's answer in every quarter equals the recount, and the kept facts and counts their definition. */
  async function expectAnswersRecounted() {
    for (const [, caller] of READERS)
      for (const quarter of [1, 2, 3, 4] as Quarter[]) {
        const answer = await h.call(reportingQuarterly, { year: YEAR, quarter }, caller);
        expect([caller.scope, quarter, answer]).toEqual([
          caller.scope,
          quarter,
          await recounted(h, caller, quarter, QUARTERLY_LIST_LIMIT),
        ]);
      }
    const { counters, recount } = await countersAndRecount(h.db);
    expect(counters).toEqual(recount);
  }

  it.each(READERS)('for %s: the answer equals a recount cut at the limit', async (_, caller) => {
    for (const quarter of [1, 2, 3, 4] as Quarter[]) {
      const answer = await h.call(reportingQuarterly, { year: YEAR, quarter }, caller);
      expect(answer).toEqual(await recounted(h, caller, quarter, QUARTERLY_LIST_LIMIT));
    }
  });

  it('the kept facts and their counts equal their definition over milestones and projects', async () => {
    const { counters, recount } = await countersAndRecount(h.db);
    // Two years, both types, the corrected start and the project started twice.
    expect(recount.milestone_facts.length).toBeGreaterThan(PROJECTS);
    expect(counters).toEqual(recount);
  });

  it('the data set goes past the limit in one unit and the lists stop there, counts whole', async () => {
    const answer = await h.call(reportingQuarterly, { year: YEAR, quarter: 4 }, leaders.city);
    expect(answer.listLimit).toBe(QUARTERLY_LIST_LIMIT);
    const parkA = answer.parks.find((u) => u.parkId === 'qq-park-a')!;
    expect(parkA.newStarts.projects).toHaveLength(QUARTERLY_LIST_LIMIT);
    expect(parkA.reservedMu.records).toHaveLength(QUARTERLY_LIST_LIMIT);
    // Independent of the service: distinct projects with an effective 2026 start in the park.
    const [{ n }] = await h.db.query(
      `SELECT count(DISTINCT m.project_id)::int AS n FROM effective_milestones m
       LEFT JOIN projects p ON p.project_id = m.project_id
       WHERE m.type = 'construction_started' AND m.date BETWEEN '2026-01-01' AND '2026-12-31'
         AND COALESCE(p.park_id, m.park_id) = 'qq-park-a'`,
    );
    expect(n).toBeGreaterThan(QUARTERLY_LIST_LIMIT);
    expect(parkA.newStarts.yearToDate).toBe(n);
    // Units known only from their facts keep the place and name of the first one.
    expect(answer.counties.map((u) => u.countyCode)).toEqual(expect.arrayContaining(['XQ0001', '440881']));
    expect(answer.parks.find((u) => u.parkId === 'qq-park-gone')).toMatchObject({
      countyCode: '440881',
      parkName: 'qq-park-gone',
    });
  });

  it('a short year is not cut, and listLimit says so', async () => {
    const answer = await h.call(reportingQuarterly, { year: YEAR, quarter: 1 }, leaders.county('440803'));
    expect(answer.listLimit).toBeNull();
    expect(answer).toEqual(await recounted(h, leaders.county('440803'), 1, null));
  });

  it('without a limit (the xlsx export) every row is listed', async () => {
    for (const [, caller] of READERS)
      expect(await h.app.get(QuarterlyService).report(caller, YEAR, 4)).toEqual(
        await recounted(h, caller, 4, null),
      );
    const sheets = await readXlsx(
      await h.call(
        reportingExport,
        { report: 'quarterly', format: 'xlsx', params: { year: YEAR, quarter: 4 } },
        leaders.city,
      ),
    );
    const whole = await recounted(h, leaders.city, 4, null);
    const starts = whole.counties.reduce((sum, u) => sum + u.newStarts.yearToDate, 0);
    expect(starts).toBeGreaterThan(QUARTERLY_LIST_LIMIT);
    expect(sheets.find((s) => s.name === '新开工项目')?.rows).toBe(starts);
  });
  it('a corrected milestone, a moved project, a late snapshot and a rebuild keep the answers recounted', async () => {
    const facts = (projectId: string) =>
      h.db.query(
        `SELECT type, year, date::text AS date, county_code, park_id FROM milestone_facts WHERE project_id = $1
         ORDER BY type, year`,
        [projectId],
      );
    // qq-p005's start corrected from Q3 into Q4; qq-p004's correction corrected again, into the year before.
    await h.db.query(
      `INSERT INTO milestones (milestone_id, project_id, type, date, supersedes_id, park_id, county_code, project_version)
       VALUES ('qq-fix-5', 'qq-p005', 'construction_started', '2026-11-11', 'qq-m5-construction_started', 'qq-park-a', '440802', 3),
              ('qq-fix-4b', 'qq-p004', 'construction_started', '2025-12-12', 'qq-fix-4', 'qq-park-a', '440802', 3)`,
    );
    expect(await facts('qq-p005')).toEqual([
      {
        type: 'construction_started',
        year: 2026,
        date: '2026-11-11',
        county_code: '440802',
        park_id: 'qq-park-a',
      },
    ]);
    expect(await facts('qq-p004')).toEqual([
      {
        type: 'construction_started',
        year: 2025,
        date: '2025-12-12',
        county_code: '440802',
        park_id: 'qq-park-a',
      },
    ]);
    // A snapshot moves qq-p006 (and its facts) to another park in another county; a repeated one writes nothing.
    for (let i = 0; i < 2; i++)
      await h.db.query(
        `UPDATE projects SET park_id = 'qq-park-c', county_code = '440803', snapshot_version = 2
         WHERE project_id = 'qq-p006'`,
      );
    expect((await facts('qq-p006')).map((f: { park_id: string }) => f.park_id)).toEqual([
      'qq-park-c',
      'qq-park-c',
    ]);
    // The snapshot of a project known only from its milestone arrives with another place.
    await h.db.query(
      `INSERT INTO projects (project_id, snapshot_version, name, enterprise_id, park_id, county_code, status, status_version)
       VALUES ('qq-ghost-1', 1, '迟到项目', 'qq-ent-1', 'qq-park-c', '440803', 'under_construction', 1)`,
    );
    expect(await facts('qq-ghost-1')).toEqual([
      {
        type: 'construction_started',
        year: 2026,
        date: '2026-03-03',
        county_code: '440803',
        park_id: 'qq-park-c',
      },
    ]);
    await expectAnswersRecounted();

    // A rebuild empties the sources in one statement (their TRUNCATE triggers empty the facts) and writes them
    // again: the same facts and answers.
    const before = await h.db.query(`SELECT to_jsonb(f)::text AS r FROM milestone_facts f ORDER BY 1`);
    const answer = await h.call(reportingQuarterly, { year: YEAR, quarter: 3 }, leaders.city);
    await h.db.transaction(async (m) => {
      await m.query(`CREATE TEMP TABLE qq_projects ON COMMIT DROP AS SELECT * FROM projects`);
      await m.query(`CREATE TEMP TABLE qq_milestones ON COMMIT DROP AS SELECT * FROM milestones`);
      await m.query(`TRUNCATE milestones, projects`);
      expect(await m.query(`SELECT count(*)::int AS n FROM milestone_facts`)).toEqual([{ n: 0 }]);
      // Milestones before their projects, as a replay of two streams may deliver them.
      await m.query(`INSERT INTO milestones SELECT * FROM qq_milestones`);
      await m.query(`INSERT INTO projects SELECT * FROM qq_projects`);
    });
    expect(await h.db.query(`SELECT to_jsonb(f)::text AS r FROM milestone_facts f ORDER BY 1`)).toEqual(
      before,
    );
    expect(await h.call(reportingQuarterly, { year: YEAR, quarter: 3 }, leaders.city)).toEqual(answer);
    await expectAnswersRecounted();
  });
});
