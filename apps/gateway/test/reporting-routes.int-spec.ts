import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { connect } from 'nats';
import { ManualClock } from '@daiban/calendar';
import {
  CONSUMERS,
  workflowCaseAssignAgent,
  workflowCaseGetByProject,
  workflowCaseSignAgreement,
  workflowItemAct,
  type Caller,
  type ItemActionRequest,
  type Role,
  type Scope,
} from '@daiban/contracts';
import { RpcClient, createServiceApp, provisionMessaging } from '@daiban/messaging';
import { databaseUrl, pollUntil, testInfra, testNames } from '@daiban/testing';
import { registryEnv } from '../../registry/src/config';
import { creditCode } from '../../registry/test/registry-harness';
import { RegistryModule } from '../../registry/src/registry.module';
import { reportingEnv } from '../../reporting/src/config';
import { ReportingModule } from '../../reporting/src/reporting.module';
import { workflowEnv } from '../../workflow/src/config';
import { WorkflowModule } from '../../workflow/src/workflow.module';
import { ADMIN_PASSWORD, bootGateway, call, createUser, login, type Gateway } from './gateway-harness';

/** Long after the acceptance of 2026-02-12 (due 2026-02-26): the item is red by then. */
const NOW = '2026-03-20T02:00:00Z';
const HOME = { parkId: 'park-xslg', countyCode: '440803' };
const FOREIGN = { parkId: 'park-mzjk', countyCode: '440811' };

type Row = { itemId: string; countyCode: string; light: string; projectName: string | null };

/** Fetches a file route and returns its raw bytes, so BOM and binary content survive. */
async function download(gw: Gateway, path: string, token: string) {
  const res = await fetch(`${gw.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/**
 * The report routes through the real gateway with real tokens, and the registry, workflow and reporting
 * services behind NATS: data enters the way it does in production (HTTP and RPC), never as hand-made events.
 */
describe('reporting HTTP routes', () => {
  const names = testNames();
  /** The services' clock starts on the submission day and is moved to NOW before the late acceptance. */
  const clock = new ManualClock('2026-02-10T03:00:00Z');
  let gw: Gateway;
  const apps: INestApplication[] = [];
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const items: Record<'home' | 'foreign', string> = { home: '', foreign: '' };

  async function user(username: string, role: Role, scope: Scope) {
    ids[username] = await createUser(gw, username, role, scope);
    tokens[username] = (await login(gw, username)).accessToken;
  }
  const caller = (username: string, role: Role, scope: Scope): Caller => ({
    userId: ids[username],
    role,
    scope,
  });
  const get = <T>(path: string, token: string) => call<T>(gw, 'GET', path, { token });

  /** Enterprise and project over HTTP, then the case of the project through the workflow's RPCs. */
  async function overdueItemIn(place: typeof HOME, tag: string): Promise<string> {
    const agent = `agent_${tag}`;
    const enterprise = await call<{ id: string }>(gw, 'POST', '/api/v1/enterprises', {
      token: tokens[agent],
      body: {
        name: `报表企业${tag}`,
        creditCode: creditCode(tag === 'home' ? 41 : 42),
        legalRepresentative: '张三',
      },
    });
    expect(enterprise.status).toBe(201);
    const project = await call<{ projectId: string; agencyRequired: boolean }>(
      gw,
      'POST',
      '/api/v1/projects',
      {
        token: tokens[agent],
        body: {
          name: `报表项目${tag}`,
          enterpriseId: enterprise.body.id,
          parkId: place.parkId,
          totalInvestment: '20000',
          // Items are submitted only for projects with their 项目代码 (the workflow refuses otherwise).
          projectCode: `2026-${place.countyCode}-30-03-${tag === 'home' ? '100001' : '100002'}`,
          industryChain: '绿色钢铁',
        },
      },
    );
    expect(project.status).toBe(201);
    expect(project.body.agencyRequired).toBe(true);

    const rpc = apps[0].get(RpcClient);
    const director = caller(`director_${tag}`, 'center_director', { kind: 'park', parkId: place.parkId });
    const agentCaller = caller(agent, 'agent', { kind: 'park', parkId: place.parkId });
    const owner: Caller = {
      userId: `owner-${tag}`,
      role: 'enterprise',
      scope: { kind: 'enterprise', enterpriseId: enterprise.body.id },
    };
    const opened = await pollUntil(() =>
      rpc
        .call(workflowCaseGetByProject, { projectId: project.body.projectId }, { caller: director })
        .catch(() => null),
    );
    await rpc.call(
      workflowCaseSignAgreement,
      {
        caseId: opened.id,
        signedOn: '2026-02-09',
        coverage: 'items',
        itemCodes: ['utility_connections'],
        serviceLevel: 'agency',
      },
      { caller: owner },
    );
    const kase = await rpc.call(
      workflowCaseAssignAgent,
      { caseId: opened.id, agentUserId: ids[agent] },
      { caller: director },
    );
    const itemId = kase.items.find((i) => i.catalogCode === 'utility_connections')!.id;
    const act = (request: ItemActionRequest) => rpc.call(workflowItemAct, request, { caller: agentCaller });
    await act({ action: 'prepare', itemId, at: '2026-02-10T01:00:00Z' });
    await act({ action: 'submit', itemId, at: '2026-02-10T02:00:00Z' });
    return itemId;
  }

  beforeAll(async () => {
    const nc = await connect({ servers: testInfra.natsUrl });
    try {
      await provisionMessaging(await nc.jetstreamManager(), {
        namespace: names.namespace,
        consumers: CONSUMERS,
      });
    } finally {
      await nc.close();
    }
    // The gateway keeps its own clock at NOW: tokens issued on it stay valid while the services' clock moves.
    gw = await bootGateway({}, { names, clock: new ManualClock(NOW) });
    const base = {
      DATABASE_URL: databaseUrl(names.database),
      NATS_URL: testInfra.natsUrl,
      EVENT_NAMESPACE: names.namespace,
      LOG_LEVEL: 'silent',
    };
    const services = [
      { service: 'workflow', module: WorkflowModule.forRoot(workflowEnv.parse(base), clock) },
      { service: 'registry', module: RegistryModule.forRoot(registryEnv.parse(base), clock) },
      { service: 'reporting', module: ReportingModule.forRoot(reportingEnv.parse(base), clock) },
    ];
    // One after another, so the first creates the shared database alone.
    for (const { service, module } of services) {
      const app = await createServiceApp(module, {
        service,
        logLevel: 'silent',
        namespace: names.namespace,
        rpc: true,
      });
      apps.push(app);
      await app.init();
      await app.startAllMicroservices();
    }
    for (const [tag, place] of [
      ['home', HOME],
      ['foreign', FOREIGN],
    ] as const) {
      await user(`agent_${tag}`, 'agent', { kind: 'park', parkId: place.parkId });
      await user(`director_${tag}`, 'center_director', { kind: 'park', parkId: place.parkId });
    }
    await user('leader_home', 'leader', { kind: 'county', countyCode: HOME.countyCode });
    await user('leader_city', 'leader', { kind: 'city' });
    await user('officer_home', 'department_officer', {
      kind: 'department',
      departmentCode: 'fgj',
      countyCode: HOME.countyCode,
    });
    await user('enterprise_x', 'enterprise', { kind: 'enterprise', enterpriseId: 'ent-x' });
    await user('auditor_x', 'auditor', { kind: 'none' });
    tokens.admin = (await login(gw, 'admin', ADMIN_PASSWORD)).accessToken;

    items.home = await overdueItemIn(HOME, 'home');
    items.foreign = await overdueItemIn(FOREIGN, 'foreign');
    clock.set(NOW);
    // Accepted three weeks back: the statutory deadline (2026-02-26) has long passed.
    const rpc = apps[0].get(RpcClient);
    for (const [tag, place] of [
      ['home', HOME],
      ['foreign', FOREIGN],
    ] as const) {
      await rpc.call(
        workflowItemAct,
        { action: 'accept', itemId: items[tag], at: '2026-02-12T02:00:00Z' },
        { caller: caller(`agent_${tag}`, 'agent', { kind: 'park', parkId: place.parkId }) },
      );
    }
    await pollUntil(
      async () => {
        const page = await get<{ rows: Row[] }>('/api/v1/reports/overdue', tokens.leader_city);
        return page.body.rows?.filter((r) => r.light === 'red').length === 2;
      },
      { timeoutMs: 30_000, message: 'both items red in the overdue report' },
    );
  }, 120_000);

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    await gw?.close();
  });

  it("a county leader's overdue list holds only its county", async () => {
    const page = await get<{ total: number; rows: Row[] }>(
      '/api/v1/reports/overdue?sort=county&order=desc&page=1&pageSize=10',
      tokens.leader_home,
    );
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(1);
    expect(page.body.rows).toEqual([
      expect.objectContaining({ itemId: items.home, countyCode: HOME.countyCode, light: 'red' }),
    ]);
    expect(page.body.rows[0].projectName).toBe('报表项目home');
    // The sort key is allow-listed: a column name of the caller's choosing never reaches SQL.
    const badSort = await get<{ code: string }>(
      '/api/v1/reports/overdue?sort=county_code',
      tokens.leader_home,
    );
    expect(badSort.status).toBe(400);
    expect(badSort.body.code).toBe('VALIDATION_FAILED');
    const unknown = await get<{ code: string }>('/api/v1/reports/overdue?where=1', tokens.leader_home);
    expect(unknown.body.code).toBe('UNKNOWN_FIELD');
  });

  it('exports the overdue list as xlsx with Chinese sheets and headers, only its county', async () => {
    const file = await download(gw, '/api/v1/reports/overdue?format=xlsx', tokens.leader_home);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const disposition = file.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="report-overdue\.xlsx"; filename\*=UTF-8''/);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)![1];
    expect(decodeURIComponent(encoded)).toMatch(/[\u4e00-\u9fff].*\.xlsx$/);
    expect(Number(file.headers.get('content-length'))).toBe(file.bytes.length);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheets = book.worksheets.map((s) => s.name);
    expect(sheets.length).toBeGreaterThan(0);
    expect(sheets.every((name) => /[\u4e00-\u9fff]/.test(name))).toBe(true);
    const sheet = book.worksheets[0];
    const headers = (sheet.getRow(1).values as unknown[]).filter((v) => typeof v === 'string') as string[];
    expect(headers.length).toBeGreaterThan(5);
    expect(headers.every((h) => /[\u4e00-\u9fff]/.test(h))).toBe(true);
    const text = JSON.stringify(sheet.getSheetValues());
    expect(text).toContain('报表项目home');
    expect(text).not.toContain('报表项目foreign');
    expect(text).not.toContain(FOREIGN.countyCode);
  });

  it('exports CSV as UTF-8 with a BOM, only its county', async () => {
    const file = await download(gw, '/api/v1/reports/overdue?format=csv', tokens.leader_home);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.headers.get('content-disposition')).toMatch(
      /filename="report-overdue\.csv"; filename\*=UTF-8''%E/,
    );
    const text = file.bytes.toString('utf8');
    expect(text).toContain('报表项目home');
    expect(text).not.toContain('报表项目foreign');
    // The city leader's file holds both counties: the narrowing above is the scope, not an empty file.
    const city = await download(gw, '/api/v1/reports/overdue?format=csv', tokens.leader_city);
    expect(city.bytes.toString('utf8')).toContain('报表项目foreign');
  });

  it('every report answers its readers as JSON and as files', async () => {
    const routes = [
      '/api/v1/reports/overview',
      '/api/v1/reports/departments?year=2026',
      '/api/v1/reports/agents',
      '/api/v1/reports/quarterly?year=2026&quarter=1',
      '/api/v1/reports/park-evaluation?year=2026',
      '/api/v1/reports/investment?year=2026',
      '/api/v1/reports/briefing?year=2026&quarter=1&countyCode=440803',
    ];
    for (const route of routes) {
      const json = await get(route, tokens.leader_home);
      expect({ route, status: json.status }).toEqual({ route, status: 200 });
      const sep = route.includes('?') ? '&' : '?';
      for (const format of ['xlsx', 'csv']) {
        const file = await download(gw, `${route}${sep}format=${format}`, tokens.director_home);
        expect({ route, format, status: file.status }).toEqual({ route, format, status: 200 });
        expect(file.headers.get('content-disposition')).toContain(`.${format}`);
      }
    }
    const overview = await get<{ items: { byLight: { red: number } } }>(
      '/api/v1/reports/overview',
      tokens.leader_home,
    );
    expect(overview.body.items.byLight.red).toBe(1);
    // A department officer is narrowed to its department's items, not refused.
    expect((await get('/api/v1/reports/overdue', tokens.officer_home)).status).toBe(200);
  });

  it('refuses enterprises, auditors and the admin on reports (403, audited); targets are the admin’s', async () => {
    for (const token of [tokens.enterprise_x, tokens.auditor_x, tokens.admin]) {
      const json = await get<{ code: string }>('/api/v1/reports/overdue', token);
      expect(json.status).toBe(403);
      expect(json.body.code).toBe('FORBIDDEN');
      expect((await download(gw, '/api/v1/reports/overdue?format=csv', token)).status).toBe(403);
    }
    expect((await get('/api/v1/targets/2026', tokens.enterprise_x)).status).toBe(403);
    const denied = await call(gw, 'PUT', '/api/v1/targets/2026', {
      token: tokens.leader_city,
      body: { expectedVersion: 0, targets: {} },
    });
    expect(denied.status).toBe(403);
    const rows: Array<{ actor_id: string }> = await gw.db.query(
      `SELECT DISTINCT actor_id FROM audit_log WHERE result = 'denied' AND error_code = 'FORBIDDEN'
         AND actor_id = ANY($1::text[])`,
      [[ids.enterprise_x, ids.auditor_x]],
    );
    expect(rows.map((r) => r.actor_id).sort()).toEqual([ids.enterprise_x, ids.auditor_x].sort());
  });

  it("the admin's targets change the quarterly light", async () => {
    type Quarterly = {
      counties: Array<{ countyCode: string; newStarts: { light: string | null; annualTarget: number } }>;
    };
    const light = async () => {
      const report = await get<Quarterly>(
        '/api/v1/reports/quarterly?year=2026&quarter=1',
        tokens.leader_home,
      );
      expect(report.status).toBe(200);
      expect(report.body.counties.map((c) => c.countyCode)).toEqual([HOME.countyCode]);
      return report.body.counties[0].newStarts;
    };
    const before = await light();
    expect(before.annualTarget).toBe(10);
    expect(before.light).not.toBe('green');

    const current = await get<{ version: number; targets: Record<string, unknown> }>(
      '/api/v1/targets/2026',
      tokens.admin,
    );
    expect(current.status).toBe(200);
    expect(current.body.version).toBe(0);
    const put = await call<{ version: number }>(gw, 'PUT', '/api/v1/targets/2026', {
      token: tokens.admin,
      body: {
        expectedVersion: 0,
        targets: {
          ...current.body.targets,
          counties: { [HOME.countyCode]: { newStarts: 0 } },
        },
      },
    });
    expect(put.status).toBe(200);
    expect(put.body.version).toBe(1);
    const after = await light();
    expect(after).toMatchObject({ annualTarget: 0, light: 'green' });

    const stale = await call<{ code: string }>(gw, 'PUT', '/api/v1/targets/2026', {
      token: tokens.admin,
      body: { expectedVersion: 0, targets: current.body.targets },
    });
    expect(stale.status).toBe(409);
    const [audited] = await gw.db.query(
      `SELECT object_id, result FROM audit_log WHERE action = 'targets.put' ORDER BY id LIMIT 1`,
    );
    expect(audited).toEqual({ object_id: '2026', result: 'success' });
  });

  it('narrows a city leader to one county with countyCode; a county leader may not look elsewhere', async () => {
    type Overview = { items: { byLight: { red: number } } };
    const city = await get<Overview>('/api/v1/reports/overview', tokens.leader_city);
    expect(city.body.items.byLight.red).toBe(2);
    const home = await get<Overview>(
      `/api/v1/reports/overview?countyCode=${HOME.countyCode}`,
      tokens.leader_city,
    );
    expect(home.status).toBe(200);
    expect(home.body.items.byLight.red).toBe(1);
    const quarterly = await get<{ counties: Array<{ countyCode: string }> }>(
      `/api/v1/reports/quarterly?year=2026&quarter=1&countyCode=${FOREIGN.countyCode}`,
      tokens.leader_city,
    );
    expect(quarterly.body.counties.map((c) => c.countyCode)).toEqual([FOREIGN.countyCode]);
    // Files follow the same narrowing.
    const file = await download(
      gw,
      `/api/v1/reports/overview?countyCode=${HOME.countyCode}&format=csv`,
      tokens.leader_city,
    );
    expect(file.status).toBe(200);
    for (const route of [
      'departments?year=2026',
      'park-evaluation?year=2026',
      'investment?year=2026',
      'agents',
    ]) {
      const sep = route.includes('?') ? '&' : '?';
      const answer = await get(
        `/api/v1/reports/${route}${sep}countyCode=${HOME.countyCode}`,
        tokens.leader_city,
      );
      expect({ route, status: answer.status }).toEqual({ route, status: 200 });
    }
    const own = await get(`/api/v1/reports/overview?countyCode=${HOME.countyCode}`, tokens.leader_home);
    expect(own.status).toBe(200);
    const denied = await get<{ code: string; message: string }>(
      `/api/v1/reports/overview?countyCode=${FOREIGN.countyCode}`,
      tokens.leader_home,
    );
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ code: 'FORBIDDEN', message: '无权查看该县（市、区）的报表' });
  });

  it('documents every report route in the OpenAPI document', async () => {
    const doc = await call<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>(
      gw,
      'GET',
      '/api/docs-json',
    );
    for (const path of [
      '/api/v1/reports/overview',
      '/api/v1/reports/overdue',
      '/api/v1/reports/departments',
      '/api/v1/reports/agents',
      '/api/v1/reports/quarterly',
      '/api/v1/reports/park-evaluation',
      '/api/v1/reports/investment',
      '/api/v1/reports/briefing',
    ])
      expect(Object.keys(doc.body.paths[path].get.responses)).toEqual(
        expect.arrayContaining(['200', '403', '500']),
      );
    expect(Object.keys(doc.body.paths['/api/v1/targets/{year}'])).toEqual(
      expect.arrayContaining(['get', 'put']),
    );
  });
});
