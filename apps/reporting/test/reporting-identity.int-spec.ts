import ExcelJS from 'exceljs';
import {
  CONSUMERS,
  reportingAgents,
  reportingExport,
  reportingOverdue,
  userChanged,
  type ExportFile,
} from '@daiban/contracts';
import { rebuildReadModels } from '../src/rebuild/rebuild.service';
import { countyScenario } from './fixtures';
import { event, leaders, startReporting, type ReportingHarness } from './reporting-harness';

const COUNTY = '440811';
const AGENT = 'idn-agent';

const user = (version: number, displayName: string, enabled = true) =>
  event(userChanged, AGENT, version, {
    userId: AGENT,
    role: 'agent',
    scope: { kind: 'park', parkId: 'idn-park' },
    displayName,
    enabled,
    version,
  });

async function readXlsx(file: ExportFile) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return { name: sheet.name, header: rows[0] ?? [], rows: rows.slice(1) };
  });
}

/** Agents' display names from the IDENTITY stream beside their ids in the agents and overdue reports. */
describe('reporting: agent names from the IDENTITY stream', () => {
  let h: ReportingHarness;
  const leader = leaders.county(COUNTY);
  // The reply carries more than the contract's row lists; read it as such.
  const named = <T>(rows: T[]) => rows as Array<T & { agentName?: string | null }>;
  const agentRow = async () =>
    named((await h.call(reportingAgents, {}, leader)).rows).find((r) => r.agentUserId === AGENT);
  const overdueRow = async () =>
    named(
      (await h.call(reportingOverdue, { sort: 'dueDate', order: 'asc', page: 1, pageSize: 50 }, leader)).rows,
    ).find((r) => r.agentUserId === AGENT);
  const usersTable = () => h.db.query(`SELECT * FROM users ORDER BY user_id`);

  beforeAll(async () => {
    h = await startReporting('2026-06-30T04:00:00Z');
    for (const e of countyScenario('idn', COUNTY)) await h.publish(e);
    await h.settle();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('has a durable reporting consumer on the IDENTITY stream', () => {
    expect(CONSUMERS.find((c) => c.durable === 'reporting-identity')).toEqual({
      service: 'reporting',
      stream: 'IDENTITY',
      durable: 'reporting-identity',
      subjects: ['identity.user.changed.v1'],
    });
  });

  it('shows the display name beside the id once the user event arrives, in the reports and their exports', async () => {
    expect(await agentRow()).toMatchObject({ agentUserId: AGENT, agentName: null });
    expect(await overdueRow()).toMatchObject({ agentUserId: AGENT, agentName: null });

    await h.publish(user(1, '张三'));
    await h.settle();
    expect(await agentRow()).toMatchObject({ agentUserId: AGENT, agentName: '张三', openCases: 1 });
    expect(await overdueRow()).toMatchObject({ agentUserId: AGENT, agentName: '张三', light: 'red' });
    expect(await usersTable()).toEqual([
      { user_id: AGENT, display_name: '张三', role: 'agent', enabled: true, version: 1 },
    ]);

    const [agents] = await readXlsx(
      await h.call(reportingExport, { report: 'agents', format: 'xlsx', params: {} }, leader),
    );
    expect(agents.header.slice(0, 2)).toEqual(['代办员', '代办员账号']);
    expect(agents.rows.map((r) => r.slice(0, 2))).toEqual([['张三', AGENT]]);

    const [overdue] = await readXlsx(
      await h.call(
        reportingExport,
        { report: 'overdue', format: 'xlsx', params: { sort: 'dueDate', order: 'asc' } },
        leader,
      ),
    );
    const at = overdue.header.indexOf('代办员');
    expect(overdue.header[at + 1]).toBe('代办员账号');
    expect(overdue.rows.map((r) => [r[at], r[at + 1]])).toEqual([['张三', AGENT]]);

    const csv = await h.call(
      reportingExport,
      { report: 'overdue', format: 'csv', params: { sort: 'dueDate', order: 'asc' } },
      leader,
    );
    const [header, row] = Buffer.from(csv.base64, 'base64').toString('utf8').split('\r\n');
    expect(header).toContain('代办员,代办员账号');
    expect(row).toContain(`张三,${AGENT}`);
  });

  it('a stale version does not overwrite a newer name; duplicates change nothing', async () => {
    const newer = user(3, '李四', false);
    await h.publish(newer);
    await h.publish(user(2, '王五'));
    await h.settle();
    expect(await agentRow()).toMatchObject({ agentName: '李四' });
    expect(await overdueRow()).toMatchObject({ agentName: '李四' });
    const before = await usersTable();
    expect(before).toEqual([
      { user_id: AGENT, display_name: '李四', role: 'agent', enabled: false, version: 3 },
    ]);

    // The same event redelivered, and another event with an already-applied version.
    await h.publish(newer, `again-${newer.id}`);
    await h.publish(user(3, '赵六'));
    await h.publish(user(1, '张三'));
    await h.settle();
    expect(await usersTable()).toEqual(before);
    expect(await agentRow()).toMatchObject({ agentName: '李四' });
  });

  it('a rebuild gives the same rows, users included', async () => {
    const live = await h.snapshot();
    expect(live.users).toHaveLength(1);
    const lines: string[] = [];
    const results = await rebuildReadModels({
      ...h.rebuildOptions(),
      progress: (line) => lines.push(line),
    });
    expect(results.find((r) => r.stream.endsWith('IDENTITY'))).toMatchObject({ failed: 0 });
    expect(results.map((r) => r.failed)).toEqual([0, 0, 0, 0]);
    expect(lines.some((l) => /IDENTITY: done, \d+ applied/.test(l))).toBe(true);
    expect(await h.snapshot()).toEqual(live);
    expect(await agentRow()).toMatchObject({ agentName: '李四' });
  });
});
