import ExcelJS from 'exceljs';
import {
  DEFAULT_YEAR_TARGETS,
  reportingAgents,
  reportingBriefing,
  reportingDepartments,
  reportingExport,
  reportingInvestment,
  reportingOverdue,
  reportingOverview,
  reportingParkEvaluation,
  reportingQuarterly,
  reportingTargetsGet,
  reportingTargetsPut,
  type DomainError,
  type ExportFile,
  type QuarterlyUnit,
} from '@daiban/contracts';
import { WorkingCalendar } from '@daiban/calendar';
import { HandlerRegistry } from '@daiban/messaging';
import { ItemReplayProjection } from '../src/projections/item-replay.projection';
import { rebuildReadModels, type BatchProjection } from '../src/rebuild/rebuild.service';
import { ItemEventsOneByOne } from './item-events-one-by-one';
import { countyScenario, startedProject } from './fixtures';
import {
  callers,
  countersAndRecount,
  leaders,
  startReporting,
  type FixtureEvent,
  type ReportingHarness,
} from './reporting-harness';

const IN_ORDER = { prefix: 'seqa', county: '440802' };
const SHUFFLED = { prefix: 'seqb', county: '440803' };

const fails = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: DomainError) => error,
  );

async function readXlsx(file: ExportFile) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  const sheets = workbook.worksheets.map((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return { name: sheet.name, header: rows[0] ?? [], rows: rows.slice(1) };
  });
  return sheets;
}

describe('reporting service', () => {
  let h: ReportingHarness;
  const county = (units: QuarterlyUnit[], code: string) => units.find((u) => u.countyCode === code)!;

  beforeAll(async () => {
    // The end of Q2 2026 (Asia/Shanghai).
    h = await startReporting('2026-06-30T04:00:00Z');
    const events: FixtureEvent[] = [];
    const started = (county: string, n: number) => {
      for (let i = 0; i < n; i += 1)
        events.push(
          ...startedProject(`q${county}x${i}`, county, `park-${county}`, `2026-0${(i % 6) + 1}-15`),
        );
    };
    started('440811', 3);
    started('440823', 1);
    started('440881', 5);
    events.push(...countyScenario(IN_ORDER.prefix, IN_ORDER.county));
    for (const e of events) await h.publish(e);

    // The same history in another county, delivered backwards, every third event twice, plus a stale snapshot.
    const copy = countyScenario(SHUFFLED.prefix, SHUFFLED.county).reverse();
    for (const [index, e] of copy.entries()) {
      await h.publish(e);
      if (index % 3 === 0) await h.publish(e, `${e.id}-again`);
    }
    const stale = copy.find(
      (e) => e.def.type === 'projects.project.registered' && e.aggregateId.endsWith('-p1'),
    )!;
    await h.publish({ ...stale, id: crypto.randomUUID() });
    await h.settle();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lights the quarter as DOMAIN.md says: target 10 at the end of Q2 — 3 yellow, 1 red, 5 green', async () => {
    const report = await h.call(reportingQuarterly, { year: 2026, quarter: 2 }, leaders.city);
    const three = county(report.counties, '440811').newStarts;
    expect(three).toMatchObject({
      yearToDate: 3,
      annualTarget: 10,
      completionPercent: 30,
      expectedPercent: 50,
      behindPoints: 20,
      light: 'yellow',
    });
    expect(three.projects.map((p) => p.projectId).sort()).toEqual(['q440811x0', 'q440811x1', 'q440811x2']);
    expect(county(report.counties, '440823').newStarts).toMatchObject({ yearToDate: 1, light: 'red' });
    expect(county(report.counties, '440881').newStarts).toMatchObject({ yearToDate: 5, light: 'green' });
    // Every county of the city is listed, with nothing done → red against the default target.
    expect(county(report.counties, '440825').newStarts).toMatchObject({ yearToDate: 0, light: 'red' });
    expect(report.parks.find((p) => p.parkId === 'park-440811')?.newStarts.light).toBeNull();
  });

  it('a target set by the admin moves the light; others may not set targets', async () => {
    const current = await h.call(reportingTargetsGet, { year: 2026 }, callers.admin);
    expect(current).toMatchObject({ version: 0, targets: DEFAULT_YEAR_TARGETS });
    const denied = await fails(
      h.call(reportingTargetsPut, { year: 2026, expectedVersion: 0, targets: current.targets }, leaders.city),
    );
    expect(denied?.code).toBe('FORBIDDEN');
    const saved = await h.call(
      reportingTargetsPut,
      {
        year: 2026,
        expectedVersion: 0,
        targets: { ...current.targets, counties: { '440823': { newStarts: 2 } } },
      },
      callers.admin,
    );
    expect(saved.version).toBe(1);
    const stale = await fails(
      h.call(
        reportingTargetsPut,
        { year: 2026, expectedVersion: 0, targets: current.targets },
        callers.admin,
      ),
    );
    expect(stale?.code).toBe('VERSION_CONFLICT');
    const report = await h.call(reportingQuarterly, { year: 2026, quarter: 2 }, leaders.city);
    expect(county(report.counties, '440823').newStarts).toMatchObject({ annualTarget: 2, light: 'green' });
    await h.call(
      reportingTargetsPut,
      { year: 2026, expectedVersion: 1, targets: current.targets },
      callers.admin,
    );
  });

  it('counts effective milestones and land per county: corrections supersede, 亩 add up exactly', async () => {
    const report = await h.call(reportingQuarterly, { year: 2026, quarter: 2 }, leaders.city);
    const unit = county(report.counties, IN_ORDER.county);
    expect(unit.newStarts).toMatchObject({ quarter: 1, yearToDate: 2 });
    expect(unit.newStarts.projects.map((p) => [p.projectId, p.date, p.inQuarter])).toEqual([
      ['seqa-p2', '2026-02-01', false],
      ['seqa-p1', '2026-04-20', true],
    ]);
    expect(unit.newProduction).toMatchObject({ quarter: 1, yearToDate: 1 });
    expect(unit.reservedMu).toMatchObject({ quarter: 0, yearToDate: 12.5 });
    expect(unit.revitalizedMu).toMatchObject({ quarter: 3.25, yearToDate: 3.25 });
  });

  it('duplicates and out-of-order delivery leave the same numbers', async () => {
    const report = await h.call(reportingQuarterly, { year: 2026, quarter: 2 }, leaders.city);
    const strip = (u: QuarterlyUnit) =>
      JSON.stringify({ ...u, countyName: '' })
        .replaceAll(SHUFFLED.prefix, 'x')
        .replaceAll(IN_ORDER.prefix, 'x')
        .replaceAll(SHUFFLED.county, 'c')
        .replaceAll(IN_ORDER.county, 'c');
    expect(strip(county(report.counties, SHUFFLED.county))).toEqual(
      strip(county(report.counties, IN_ORDER.county)),
    );
    const normalize = (rows: string[], prefix: string, code: string) =>
      rows.map((r) => r.replaceAll(prefix, 'x').replaceAll(code, 'c')).sort();
    const a = await h.snapshot((r) => r.includes(IN_ORDER.prefix));
    const b = await h.snapshot((r) => r.includes(SHUFFLED.prefix));
    for (const table of Object.keys(a))
      expect([table, normalize(b[table], SHUFFLED.prefix, SHUFFLED.county)]).toEqual([
        table,
        normalize(a[table], IN_ORDER.prefix, IN_ORDER.county),
      ]);
    // The newest snapshot won over the stale one delivered last.
    const [project] = await h.db.query(
      `SELECT name, total_investment::text AS inv, status FROM projects WHERE project_id = 'seqb-p1'`,
    );
    expect(project).toEqual({ name: 'seqb一号项目', inv: '1200000.00', status: 'in_production' });
  });

  it('the item counters equal a recount after live, repeated and reordered events', async () => {
    const { counters, recount } = await countersAndRecount(h.db);
    expect(recount.item_counts.length).toBeGreaterThan(2);
    expect(recount.project_counts.length).toBeGreaterThan(2);
    expect(counters).toEqual(recount);
  });

  it('items: working days used, correction rounds, on-time decisions and lights from the deadline instants', async () => {
    const [i1] = await h.db.query(
      `SELECT state, correction_rounds, on_time FROM items WHERE item_id = 'seqa-i1'`,
    );
    expect(i1).toEqual({ state: 'accepted', correction_rounds: 1, on_time: null });
    const [i2] = await h.db.query(
      `SELECT state, working_days_used, on_time FROM items WHERE item_id = 'seqa-i2'`,
    );
    expect(i2).toEqual({ state: 'approved', working_days_used: 3, on_time: true });
    const departments = await h.call(reportingDepartments, {}, leaders.county(IN_ORDER.county));
    expect(departments.rows).toEqual([
      expect.objectContaining({
        departmentCode: 'fgj',
        handled: 1,
        onTimeRate: 100,
        avgWorkingDaysToDecision: 3,
        currentOverdue: 0,
      }),
      expect.objectContaining({
        departmentCode: 'zjj',
        handled: 0,
        correctionRoundsPerItem: 1,
        currentOverdue: 1,
      }),
    ]);
    const agents = await h.call(reportingAgents, {}, leaders.county(IN_ORDER.county));
    expect(agents.rows).toEqual([
      expect.objectContaining({ agentUserId: 'seqa-agent', openCases: 1, openItems: 2, overdueItems: 1 }),
    ]);
  });

  it("a county leader's overdue list holds only its county, with working days overdue", async () => {
    const leader = leaders.county(IN_ORDER.county);
    const page = await h.call(
      reportingOverdue,
      { sort: 'dueDate', order: 'asc', page: 1, pageSize: 50 },
      leader,
    );
    expect(page.total).toBe(1);
    expect(page.rows).toEqual([
      expect.objectContaining({
        itemId: 'seqa-i1',
        countyCode: IN_ORDER.county,
        departmentCode: 'zjj',
        agentUserId: 'seqa-agent',
        light: 'red',
        dueDate: '2026-03-09',
        supervisionOrder: null,
      }),
    ]);
    // 2026-03-10 … 2026-06-30 in working days (Qingming, Labour Day and Dragon Boat holidays excluded).
    expect(page.rows[0].workingDaysOverdue).toBeGreaterThan(70);
    const city = await h.call(
      reportingOverdue,
      { sort: 'county', order: 'asc', page: 1, pageSize: 50 },
      leaders.city,
    );
    expect(city.rows.map((r) => r.countyCode)).toEqual([IN_ORDER.county, SHUFFLED.county]);
    const elsewhere = await h.call(
      reportingOverdue,
      { countyCode: SHUFFLED.county, sort: 'dueDate', order: 'asc', page: 1, pageSize: 50 },
      leader,
    );
    expect(elsewhere.total).toBe(0);
    expect(
      (
        await fails(
          h.call(
            reportingOverdue,
            { sort: 'dueDate', order: 'asc', page: 1, pageSize: 50 },
            callers.enterprise,
          ),
        )
      )?.code,
    ).toBe('FORBIDDEN');
    expect((await fails(h.call(reportingOverview, {}, callers.auditor)))?.code).toBe('FORBIDDEN');
  });

  it("exports hold only the caller's county, and the xlsx opens with the expected sheets and headers", async () => {
    const leader = leaders.county(IN_ORDER.county);
    const xlsx = await h.call(
      reportingExport,
      { report: 'overdue', format: 'xlsx', params: { sort: 'dueDate', order: 'asc' } },
      leader,
    );
    expect(xlsx).toMatchObject({ exportId: null, chunkCount: 1, filename: '逾期与预警事项.xlsx' });
    const [sheet] = await readXlsx(xlsx);
    expect(sheet.name).toBe('逾期与预警事项');
    expect(sheet.header.slice(0, 4)).toEqual(['项目名称', '项目代码', '区县', '园区']);
    expect(sheet.rows.map((r) => r[2])).toEqual(['赤坎区']);
    const csv = await h.call(
      reportingExport,
      { report: 'overdue', format: 'csv', params: { sort: 'dueDate', order: 'asc' } },
      leader,
    );
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFF项目名称,')).toBe(true);
    expect(text).toContain('seqa一号项目');
    expect(text).not.toContain('seqb');

    const quarterly = await readXlsx(
      await h.call(
        reportingExport,
        { report: 'quarterly', format: 'xlsx', params: { year: 2026, quarter: 2 } },
        leader,
      ),
    );
    expect(quarterly.map((s) => s.name)).toEqual([
      '区县季度进度',
      '园区季度进度',
      '新开工项目',
      '新投产项目',
      '新收储',
      '新盘活',
    ]);
    expect(quarterly[0].header).toEqual([
      '区县',
      '指标',
      '本季度',
      '年度累计',
      '年度目标',
      '完成率（%）',
      '序时进度（%）',
      '落后百分点',
      '灯色',
    ]);
    expect(quarterly[0].rows.every((r) => r[0] === '赤坎区')).toBe(true);
    expect(quarterly[2].rows.map((r) => r[2])).toEqual(['seqa二号项目', 'seqa一号项目']);
  });

  it('the briefing is one workbook per county pack: lists, overdue items, open requests, open supervision orders', async () => {
    const briefing = await h.call(
      reportingBriefing,
      { year: 2026, quarter: 2, countyCode: IN_ORDER.county },
      leaders.city,
    );
    expect(briefing.counties).toHaveLength(1);
    expect(briefing.counties[0]).toMatchObject({
      countyName: '赤坎区',
      newStarts: [expect.objectContaining({ projectId: 'seqa-p1' })],
      overdueItems: [expect.objectContaining({ itemId: 'seqa-i1' })],
      openRequests: [expect.objectContaining({ requestId: 'seqa-r1', overdue: true })],
      openSupervisionOrders: [],
    });
    const sheets = await readXlsx(
      await h.call(
        reportingExport,
        {
          report: 'briefing',
          format: 'xlsx',
          params: { year: 2026, quarter: 2, countyCode: IN_ORDER.county },
        },
        leaders.city,
      ),
    );
    expect(sheets.map((s) => s.name)).toEqual([
      '概况',
      '新开工项目',
      '新投产项目',
      '新收储',
      '新盘活',
      '逾期与预警事项',
      '企业诉求',
      '督办单',
    ]);
    // Another county's leader asking for this county gets nothing.
    const other = await h.call(
      reportingBriefing,
      { year: 2026, quarter: 2, countyCode: IN_ORDER.county },
      leaders.county('440811'),
    );
    expect(other.counties).toEqual([]);
  });

  it('overview, investment tiers and park evaluation', async () => {
    const overview = await h.call(reportingOverview, {}, leaders.county(IN_ORDER.county));
    expect(overview.projects).toMatchObject({ total: 2, investmentWan: '1350000.00' });
    expect(overview.items.byLight).toEqual({ green: 0, yellow: 0, red: 1 });
    expect(overview.thisQuarter).toEqual({ year: 2026, quarter: 2, newStarts: 1, newProduction: 1 });
    const investment = await h.call(reportingInvestment, { year: 2026 }, leaders.city);
    expect(investment.tiers[0]).toMatchObject({
      tier: 'gte_100yi',
      target: 10,
      actual: 2,
      completionPercent: 20,
    });
    expect(investment.byChain).toEqual([
      expect.objectContaining({ industryChain: '绿色石化', investmentWan: '2400000.00' }),
    ]);
    const evaluation = await h.call(reportingParkEvaluation, { year: 2026 }, leaders.city);
    const top = evaluation.rows
      .filter((r) => r.rank === 1)
      .map((r) => r.parkId)
      .sort();
    expect(top).toEqual(['seqa-park', 'seqb-park']);
    const mine = await h.call(reportingParkEvaluation, { year: 2026 }, callers.director('seqa-park'));
    expect(mine.rows.map((r) => r.parkId)).toEqual(['seqa-park']);
  });

  it.each([
    { how: 'event by event', batchSize: 25, setBased: false, oneByOne: false },
    // The live consumer applies item events set-based too: this is the check against the one-event form.
    {
      how: 'event by event through the one-event item handlers',
      batchSize: 25,
      setBased: false,
      oneByOne: true,
    },
    { how: 'set-based in batches of 7', batchSize: 7, setBased: true, oneByOne: false },
    { how: 'set-based in batches of 500', batchSize: 500, setBased: true, oneByOne: false },
  ])(
    'a rebuild from the streams, $how, equals the live read models',
    async ({ batchSize, setBased, oneByOne }) => {
      const live = await h.snapshot();
      const lines: string[] = [];
      const registry = h.app.get(HandlerRegistry);
      const reference = oneByOne ? new ItemEventsOneByOne(h.app.get(WorkingCalendar)).handlers() : new Map();
      const results = await rebuildReadModels({
        ...h.rebuildOptions(),
        handlerFor: (subject) => reference.get(subject) ?? registry.get(subject),
        batches: setBased ? [new ItemReplayProjection(h.app.get(WorkingCalendar))] : [],
        batchSize,
        progress: (line) => lines.push(line),
      });
      expect(results.map((r) => r.failed)).toEqual([0, 0, 0, 0]);
      expect(lines.some((l) => /PROJECTS: \d+\/\d+ \(\d+%\)/.test(l))).toBe(true);
      // The per-event fallback would hide a failing set-based statement.
      expect(lines.filter((l) => /retrying event by event/.test(l))).toEqual([]);
      expect(await h.snapshot()).toEqual(live);
      const { counters, recount } = await countersAndRecount(h.db);
      expect(counters).toEqual(recount);
    },
  );

  it('a batch that fails after writing part of its rows is rolled back whole, retried event by event, and the replay goes on', async () => {
    const live = await h.snapshot();
    const replay = new ItemReplayProjection(h.app.get(WorkingCalendar));
    let failures = 0;
    // Writes the batch's rows and spoils every item, then fails: none of it may survive the rollback.
    const failingOnce: BatchProjection = {
      subjects: replay.subjects,
      async applyBatch(events, manager) {
        await replay.applyBatch(events, manager);
        if (failures === 0) {
          failures += 1;
          await manager.query(`UPDATE items SET catalog_code = 'half-written'`);
          throw new Error('injected failure after the batch wrote its rows');
        }
      },
    };
    const lines: string[] = [];
    const results = await rebuildReadModels({
      ...h.rebuildOptions(),
      batches: [failingOnce],
      batchSize: 5,
      progress: (line) => lines.push(line),
    });
    expect(failures).toBe(1);
    expect(lines.filter((l) => /retrying event by event/.test(l))).toHaveLength(1);
    expect(results.map((r) => r.failed)).toEqual([0, 0, 0, 0]);
    expect(await h.snapshot()).toEqual(live);
    const { counters, recount } = await countersAndRecount(h.db);
    expect(counters).toEqual(recount);
    // The writer connection went back to the pool with the server's default commit mode.
    const modes: Array<{ synchronous_commit: string }> = await Promise.all(
      Array.from({ length: 3 }, () => h.db.query(`SHOW synchronous_commit`).then((r) => r[0])),
    );
    expect(modes.map((m) => m.synchronous_commit)).toEqual(['on', 'on', 'on']);
  });

  it('a rebuild that fails midway rejects once its running batch has ended, and a rerun gives the live read models', async () => {
    const live = await h.snapshot();
    const registry = h.app.get(HandlerRegistry);
    const options = {
      ...h.rebuildOptions(),
      batches: [new ItemReplayProjection(h.app.get(WorkingCalendar))],
      batchSize: 4,
    };
    // The reader fails (a progress sink that throws, on the tenth message) while the previous batch is written.
    let read = 0;
    await expect(
      rebuildReadModels({
        ...options,
        handlerFor: (subject: string) => {
          if (++read === 10) throw new Error('interrupted');
          return registry.get(subject);
        },
        progress: (line) => {
          if (/malformed: interrupted/.test(line)) throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    // No batch of the failed rebuild is still being written on a connection handed back to the pool.
    const busy: Array<{ query: string }> = await h.db.query(
      `SELECT query FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
    );
    expect(busy).toEqual([]);
    const { counters, recount } = await countersAndRecount(h.db);
    expect(counters).toEqual(recount);
    const results = await rebuildReadModels({ ...options, progress: () => undefined });
    expect(results.map((r) => r.failed)).toEqual([0, 0, 0, 0]);
    expect(await h.snapshot()).toEqual(live);
  });
});
