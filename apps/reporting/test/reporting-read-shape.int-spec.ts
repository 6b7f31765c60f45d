import {
  reportingDepartments,
  reportingOverdue,
  reportingOverview,
  type Caller,
  type OverdueRequest,
} from '@daiban/contracts';
import { CASE_SCOPE, PROJECT_SCOPE, SqlParams, countsIn } from '../src/common/sql-params.util';
import { overdueConditions } from '../src/overdue/overdue.service';
import {
  callers,
  countersAndRecount,
  leaders,
  startReporting,
  type ReportingHarness,
} from './reporting-harness';

const NOW = '2026-06-30T04:00:00Z';
const officer = (departmentCode: string, countyCode: string | null): Caller => ({
  userId: `officer-${departmentCode}`,
  role: 'department_officer',
  scope: { kind: 'department', departmentCode, countyCode },
});
const READERS: Caller[] = [
  leaders.city,
  leaders.county('440802'),
  callers.director('rs-park-b'),
  officer('zjj', null),
  officer('swj', '440803'),
];

/** The overdue page as one query, the way it was read before the page's ids were picked first. */
const OVERDUE_BEFORE = `SELECT i.item_id, p.name AS project_name, pk.name AS park_name, c.agent_user_id,
    au.display_name AS agent_name, so.order_id, (i.deadline_active AND NOT i.paused AND i.red_at <= $1) AS is_red,
    count(*) OVER () AS total
  FROM items i
  LEFT JOIN projects p ON p.project_id = i.project_id
  LEFT JOIN parks pk ON pk.park_id = i.park_id
  LEFT JOIN cases c ON c.case_id = i.case_id
  LEFT JOIN users au ON au.user_id = c.agent_user_id
  LEFT JOIN LATERAL (
    SELECT s.order_id FROM supervision_orders s WHERE s.item_id = i.item_id
    ORDER BY s.issued_at DESC NULLS LAST, s.order_id LIMIT 1
  ) so ON true`;
const SORT_COLUMNS = {
  dueDate: 'i.due_at',
  department: 'i.department_code',
  project: 'p.name',
  county: 'i.county_code',
  state: 'i.state',
} as const;

describe('reporting: item counters and the overdue page at the read model level', () => {
  let h: ReportingHarness;

  const expectCountersExact = async () => {
    const { counters, recount } = await countersAndRecount(h.db);
    expect(counters).toEqual(recount);
  };

  beforeAll(async () => {
    h = await startReporting(NOW);
    await h.db.query(
      `INSERT INTO parks (park_id, name, county_code, active, version)
       VALUES ('rs-park-a', 'A园', '440802', true, 1), ('rs-park-b', 'B园', '440802', true, 1)`,
    );
    // Project 8 has no row (its snapshot has not arrived) and project 9 no name: both sort last by project.
    await h.db.query(
      `INSERT INTO projects (project_id, snapshot_version, name, enterprise_id, park_id, county_code)
       SELECT 'rs-p' || n, 1, CASE WHEN n = 9 THEN NULL ELSE '项目' || (7 - n % 7) END, 'ent-' || n % 4,
              'rs-park-a', '440802'
       FROM generate_series(0, 9) n WHERE n <> 8`,
    );
    await h.db.query(
      `INSERT INTO cases (case_id, project_id, enterprise_id, park_id, county_code, state, agent_user_id, version)
       SELECT 'rs-c' || n, 'rs-p' || n, 'ent-' || n % 4, 'rs-park-a', '440802', 'in_progress', 'rs-agent' || n % 3, 1
       FROM generate_series(0, 9) n`,
    );
    await h.db.query(
      `INSERT INTO users (user_id, display_name, role, enabled, version)
       VALUES ('rs-agent0', '代办甲', 'agent', true, 1), ('rs-agent1', '代办乙', 'agent', true, 1)`,
    );
    // 150 items over two counties, three parks and three departments: running clocks past yellow, past red,
    // paused, not running; decisions in 2025 and 2026 (Shanghai years, one on New Year's night), on time or late.
    await h.db.query(
      `INSERT INTO items (item_id, case_id, project_id, catalog_code, enterprise_id, park_id, county_code,
          department_code, state, submitted_at, decided_at, correction_rounds, working_days_used, deadline_active,
          paused, due_date, due_at, yellow_at, red_at, major, limit_due_at)
       SELECT 'rs-i' || lpad(n::text, 3, '0'), 'rs-c' || n % 10, 'rs-p' || n % 10, 'investment_filing',
              'ent-' || n % 4, (ARRAY['rs-park-a', 'rs-park-b', 'rs-park-c'])[1 + n % 3],
              CASE WHEN n % 3 = 2 THEN '440803' ELSE '440802' END, (ARRAY['fgj', 'zjj', 'swj'])[1 + (n / 2) % 3],
              (ARRAY['accepted', 'submitted', 'approved', 'corrections_requested'])[1 + n % 4],
              CASE WHEN n % 4 <> 0 THEN $1::timestamptz - interval '40 days' END,
              CASE WHEN n % 5 = 0 THEN $1::timestamptz - interval '1 day' * (n * 3)
                   WHEN n = 1 THEN '2025-12-31T16:30:00Z' END,
              n % 3, CASE WHEN n % 5 = 0 THEN n % 17 END, n % 5 <> 0, n % 7 = 0,
              ($1::timestamptz + interval '1 day' * (n % 9 - 6))::date, $1::timestamptz + interval '1 day' * (n % 9 - 6),
              $1::timestamptz + interval '1 day' * (n % 9 - 8), $1::timestamptz + interval '1 day' * (n % 9 - 6),
              n % 4 = 0, CASE WHEN n % 5 = 0 OR n = 1 THEN $1::timestamptz - interval '1 day' * (n * 2) END
       FROM generate_series(0, 149) n`,
      [NOW],
    );
    await h.db.query(
      `INSERT INTO supervision_orders (order_id, item_id, project_id, enterprise_id, park_id, county_code, level,
          state, issued_at, version)
       SELECT 'rs-o' || n || '-' || k, 'rs-i' || lpad(n::text, 3, '0'), 'rs-p' || n % 10, 'ent-1', 'rs-park-a',
              '440802', 1 + k, 'issued', $1::timestamptz - interval '1 day' * (5 - k), 1
       FROM generate_series(0, 149, 6) n, generate_series(0, 1) k WHERE k = 0 OR n % 12 = 0`,
      [NOW],
    );
  });

  afterAll(async () => {
    await h?.close();
  });

  it('the counters equal a recount after inserts, moves, decisions, deletes and a truncate', async () => {
    await expectCountersExact();
    // Items move to another place and department, get decided, lose a decision, stop their clocks.
    await h.db.query(
      `UPDATE items SET county_code = '440881', park_id = 'rs-park-z', department_code = 'fgj'
       WHERE item_id LIKE 'rs-i0_3'`,
    );
    await h.db.query(
      `UPDATE items SET decided_at = '2026-03-01T00:00:00Z', working_days_used = 4, limit_due_at = '2026-04-01T00:00:00Z',
         deadline_active = false
       WHERE item_id LIKE 'rs-i1_1'`,
    );
    await h.db.query(`UPDATE items SET decided_at = NULL WHERE item_id LIKE 'rs-i_2_'`);
    // Projects change status, chain and place, one loses its snapshot row; cases change state and one goes.
    await h.db.query(
      `UPDATE projects SET status = 'in_production', industry_chain = NULL, county_code = '440803' WHERE project_id = 'rs-p1'`,
    );
    await h.db.query(
      `UPDATE projects SET total_investment = 99.5, park_id = 'rs-park-b' WHERE project_id = 'rs-p2'`,
    );
    await h.db.query(`UPDATE projects SET snapshot_version = 0 WHERE project_id = 'rs-p3'`);
    await h.db.query(
      `UPDATE cases SET state = 'closed', county_code = '440803' WHERE case_id IN ('rs-c1', 'rs-c4')`,
    );
    await h.db.query(`DELETE FROM cases WHERE case_id = 'rs-c5'`);
    // An update that changes no counted fact (a repeated event) leaves the counters as they are.
    await h.db.query(`UPDATE items SET state = state`);
    await expectCountersExact();
    await h.db.query(`DELETE FROM items WHERE item_id LIKE 'rs-i14_'`);
    await expectCountersExact();
    // A writer with another search_path (the bench's bulk load) still counts in this schema.
    await h.db.transaction(async (m) => {
      await m.query(`SET LOCAL search_path = public`);
      await m.query(
        `UPDATE reporting.items SET working_days_used = 1, submitted_at = now() WHERE item_id = 'rs-i005'`,
      );
    });
    await expectCountersExact();
    const { counters: before } = await countersAndRecount(h.db);
    await h.db.query(`UPDATE items SET correction_rounds = correction_rounds + 1 WHERE item_id = 'rs-i001'`);
    await h.db.query(`UPDATE items SET correction_rounds = correction_rounds - 1 WHERE item_id = 'rs-i001'`);
    expect((await countersAndRecount(h.db)).counters).toEqual(before);
  });

  it('the overview and the department ranking give what a count over every item gives', async () => {
    const now = new Date(NOW);
    for (const caller of [...READERS]) {
      const scope = new SqlParams();
      const where = scope.scope(caller.scope, {
        enterpriseId: 'i.enterprise_id',
        parkId: 'i.park_id',
        countyCode: 'i.county_code',
        departmentCode: 'i.department_code',
      });
      const light = `CASE WHEN NOT i.deadline_active THEN NULL
        WHEN NOT i.paused AND i.red_at <= $${scope.values.length + 1} THEN 'red'
        WHEN i.yellow_at <= $${scope.values.length + 1} THEN 'yellow' ELSE 'green' END`;
      const [expected] = await h.db.query(
        `SELECT count(*) FILTER (WHERE light = 'green')::int AS green,
                count(*) FILTER (WHERE light = 'yellow')::int AS yellow,
                count(*) FILTER (WHERE light = 'red')::int AS red,
                count(*) FILTER (WHERE on_time IS NOT NULL)::int AS decided,
                count(*) FILTER (WHERE on_time)::int AS on_time
         FROM (SELECT ${light} AS light, i.on_time FROM items i WHERE ${where}) x`,
        [...scope.values, now],
      );
      const overview = await h.call(reportingOverview, {}, caller);
      expect([caller.scope, overview.items]).toEqual([
        caller.scope,
        {
          byLight: { green: expected.green, yellow: expected.yellow, red: expected.red },
          decided: expected.decided,
          decidedOnTime: expected.on_time,
          onTimeRate: expected.decided ? Math.round((1000 * expected.on_time) / expected.decided) / 10 : null,
        },
      ]);
      const pq = new SqlParams();
      const projects: Array<{ total: number; investment: string }> = await h.db.query(
        `SELECT count(*)::int AS total, COALESCE(sum(p.total_investment), 0)::numeric(18,2)::text AS investment
         FROM projects p WHERE p.snapshot_version > 0 AND ${pq.scope(caller.scope, PROJECT_SCOPE)}`,
        pq.values,
      );
      const sq = new SqlParams();
      const byStatus: Array<{ key: string; count: number }> = await h.db.query(
        `SELECT p.status AS key, count(*)::int AS count FROM projects p
         WHERE p.snapshot_version > 0 AND p.status IS NOT NULL AND ${sq.scope(caller.scope, PROJECT_SCOPE)}
         GROUP BY 1 ORDER BY 2 DESC, 1`,
        sq.values,
      );
      const cq = new SqlParams();
      const cases: Array<{ key: string; count: number }> = await h.db.query(
        `SELECT c.state AS key, count(*)::int AS count FROM cases c WHERE ${cq.scope(caller.scope, CASE_SCOPE)}
         GROUP BY 1 ORDER BY 1`,
        cq.values,
      );
      expect([
        overview.projects.total,
        overview.projects.investmentWan,
        overview.projects.byStatus.map((b) => ({ key: b.key, count: b.count })),
        overview.cases.byState.map((b) => ({ key: b.key, count: b.count })),
      ]).toEqual([projects[0].total, projects[0].investment, byStatus, cases]);
      for (const year of [undefined, 2025, 2026]) {
        const decidedIn =
          year === undefined
            ? 'i.decided_at IS NOT NULL'
            : `(extract(year FROM i.decided_at AT TIME ZONE 'Asia/Shanghai') = ${year})`;
        const rows: Array<Record<string, string | number | null>> = await h.db.query(
          `SELECT i.department_code, count(*) FILTER (WHERE ${decidedIn})::int AS handled,
             count(*) FILTER (WHERE ${decidedIn} AND i.on_time)::int AS on_time,
             count(*) FILTER (WHERE ${decidedIn} AND i.on_time IS NOT NULL)::int AS judged,
             round(avg(i.working_days_used) FILTER (WHERE ${decidedIn}), 1)::float AS avg_wd,
             COALESCE(sum(i.correction_rounds) FILTER (WHERE i.submitted_at IS NOT NULL), 0)::int AS corrections,
             count(*) FILTER (WHERE i.submitted_at IS NOT NULL)::int AS submitted
           FROM items i WHERE ${where} GROUP BY 1 ORDER BY 1`,
          scope.values,
        );
        const report = await h.call(reportingDepartments, year === undefined ? {} : { year }, caller);
        expect(
          report.rows.map((r) => [r.departmentCode, r.handled, r.decidedOnTime, r.avgWorkingDaysToDecision]),
        ).toEqual(rows.map((r) => [r.department_code, r.handled, r.on_time, r.avg_wd]));
        expect(report.rows.map((r) => r.correctionRoundsPerItem)).toEqual(
          rows.map((r) =>
            r.submitted ? Math.round((100 * Number(r.corrections)) / Number(r.submitted)) / 100 : null,
          ),
        );
      }
    }
    // An enterprise scope has no counter column: its sums come from its items.
    const q = new SqlParams();
    const [fromCounters] = await h.db.query(
      `SELECT sum(k.items)::int AS items, sum(k.judged)::int AS judged, sum(k.corrections)::int AS corrections
       FROM ${countsIn(q, { kind: 'enterprise', enterpriseId: 'ent-1' }, 'item_counts')}`,
      q.values,
    );
    const [fromItems] = await h.db.query(
      `SELECT count(*)::int AS items, count(on_time)::int AS judged,
         COALESCE(sum(correction_rounds) FILTER (WHERE submitted_at IS NOT NULL), 0)::int AS corrections
       FROM items WHERE enterprise_id = 'ent-1'`,
    );
    expect(fromCounters).toEqual(fromItems);
  });

  it('the overdue page gives the same rows and totals as the one-query page, for every sort, order and filter', async () => {
    const requests: Array<Partial<OverdueRequest>> = [];
    for (const sort of Object.keys(SORT_COLUMNS) as Array<keyof typeof SORT_COLUMNS>)
      for (const order of ['asc', 'desc'] as const) requests.push({ sort, order });
    requests.push(
      { light: 'red' },
      { light: 'yellow', sort: 'project', order: 'desc' },
      { countyCode: '440803' },
      { parkId: 'rs-park-b', sort: 'state' },
      { departmentCode: 'zjj', sort: 'county', order: 'desc' },
      { projectId: 'rs-p3' },
      { agentUserId: 'rs-agent1', sort: 'project' },
      { agentUserId: 'rs-agent2', light: 'red' },
      { major: true },
      { major: false, sort: 'department' },
    );
    let compared = 0;
    for (const caller of READERS)
      for (const request of requests)
        for (const page of [1, 2, 40]) {
          const f = { sort: 'dueDate' as const, order: 'asc' as const, ...request };
          // The conditions are the service's own (unchanged); what is compared is the page's shape.
          const q = new SqlParams();
          const where = overdueConditions(q, caller, f, new Date(NOW));
          const expected: Array<Record<string, string | boolean | null>> = await h.db.query(
            `${OVERDUE_BEFORE} WHERE ${where.join(' AND ')}
             ORDER BY ${SORT_COLUMNS[f.sort]} ${f.order === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, i.item_id
             LIMIT 7 OFFSET ${(page - 1) * 7}`,
            q.values,
          );
          const answer = await h.call(reportingOverdue, { ...f, page, pageSize: 7 }, caller);
          expect([caller.scope, f, page, answer.total]).toEqual([
            caller.scope,
            f,
            page,
            expected.length ? Number(expected[0].total) : 0,
          ]);
          expect(
            answer.rows.map((r) => ({
              item_id: r.itemId,
              project_name: r.projectName,
              park_name: r.parkName,
              agent_user_id: r.agentUserId,
              agent_name: (r as { agentName?: string | null }).agentName ?? null,
              order_id: r.supervisionOrder?.orderId ?? null,
              is_red: r.light === 'red',
            })),
          ).toEqual(expected.map(({ total: _total, ...row }) => row));
          compared += expected.length;
        }
    // The fixture must reach past a page, every filter must match something at least for the city.
    expect(compared).toBeGreaterThan(500);
  });

  it('a truncate of the sources (a rebuild) empties the counters with them', async () => {
    await h.db.query(`TRUNCATE items, projects, cases`);
    const { counters } = await countersAndRecount(h.db);
    expect(counters).toEqual({
      item_counts: [],
      project_counts: [],
      case_counts: [],
      milestone_facts: [],
      milestone_fact_counts: [],
    });
    expect(
      await h.db.query(
        `SELECT (SELECT count(*) FROM item_counts) + (SELECT count(*) FROM project_counts)
           + (SELECT count(*) FROM case_counts) AS n`,
      ),
    ).toEqual([{ n: '0' }]);
  });
});
