import { pollUntil } from '@daiban/testing';
import type { CaseView, ItemView } from '@daiban/contracts';
import { creditCode } from '../../registry/test/registry-harness';
import { call, createUser, login, type Answer } from './gateway-harness';
import { bootStack, type Stack } from './stack-harness';

const CHOSEN = [
  'utility_connections',
  'eia_table',
  'fire_design_review',
  'civil_air_defense',
  'construction_permit',
  'investment_filing',
];

/** The workflow through HTTP: real logins, the registry's event opening the case, the worked deadline examples. */
describe('workflow HTTP routes', () => {
  let stack: Stack;
  let agentId: string;
  let enterpriseId: string;
  let kase: CaseView;

  // Tokens live 15 minutes on the shared clock, so every step logs in at the current time.
  const as = async (username: string) => (await login(stack.gw, username)).accessToken;
  const http = async <T = Record<string, unknown>>(
    username: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Answer<T>> => call<T>(stack.gw, method, path, { token: await as(username), body });
  const item = (code: string) => kase.items.find((i) => i.catalogCode === code)!;
  const act = (username: string, itemId: string, body: Record<string, unknown>) =>
    http<ItemView>(username, 'POST', `/api/v1/items/${itemId}/actions`, body);
  const refresh = async () => {
    kase = (await http<CaseView>('wf_director', 'GET', `/api/v1/cases/${kase.id}`)).body;
    return kase;
  };

  beforeAll(async () => {
    // The clock jumps from February to the 国庆 example, past the 180-day staff password age.
    stack = await bootStack({
      workflow: true,
      start: '2026-02-09T02:00:00Z',
      env: { PASSWORD_MAX_AGE_DAYS_STAFF: '0' },
    });
    const gw = stack.gw;
    agentId = await createUser(gw, 'wf_agent', 'agent', { kind: 'park', parkId: 'park-xslg' });
    await createUser(gw, 'wf_director', 'center_director', { kind: 'park', parkId: 'park-xslg' });
    await createUser(gw, 'wf_agent_mz', 'agent', { kind: 'park', parkId: 'park-mzjk' });
    await createUser(gw, 'wf_leader', 'leader', { kind: 'county', countyCode: '440803' });
    await createUser(gw, 'wf_officer_other', 'department_officer', {
      kind: 'department',
      departmentCode: 'zjj',
      countyCode: '440811',
    });
    const enterprise = await http<{ id: string }>('wf_agent', 'POST', '/api/v1/enterprises', {
      name: '流程测试企业',
      creditCode: creditCode(701),
      legalRepresentative: '周八',
    });
    enterpriseId = enterprise.body.id;
    await createUser(gw, 'wf_enterprise', 'enterprise', { kind: 'enterprise', enterpriseId });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('opens the case of a project over 1亿 the enterprise registers (registry → event → workflow)', async () => {
    const registered = await http<{ projectId: string; agencyRequired: boolean }>(
      'wf_enterprise',
      'POST',
      '/api/v1/projects',
      {
        name: '年产五万吨新材料项目',
        enterpriseId,
        // Items cannot be submitted without the 项目代码 (workflow precondition).
        projectCode: '2026-440803-30-03-000701',
        parkId: 'park-xslg',
        totalInvestment: '12000',
        industryChain: '先进材料',
        plannedDates: { constructionStartOn: '2026-09-30' },
      },
    );
    expect(registered.status).toBe(201);
    expect(registered.body.agencyRequired).toBe(true);
    const token = await as('wf_enterprise');
    kase = await pollUntil(async () => {
      const res = await call<CaseView>(
        stack.gw,
        'GET',
        `/api/v1/projects/${registered.body.projectId}/case`,
        {
          token,
        },
      );
      return res.status === 200 ? res.body : null;
    });
    expect(kase).toMatchObject({ projectId: registered.body.projectId, state: 'awaiting_agreement' });
    // Another park's agent does not learn that the case exists.
    expect((await http('wf_agent_mz', 'GET', `/api/v1/cases/${kase.id}`)).status).toBe(404);
  });

  it('signs the agreement, assigns the agent and refuses roles outside the case table', async () => {
    const signed = await http<CaseView>('wf_enterprise', 'POST', `/api/v1/cases/${kase.id}/agreement`, {
      signedOn: '2026-02-09',
      coverage: 'items',
      itemCodes: CHOSEN,
    });
    expect([signed.status, signed.body.state]).toEqual([200, 'agreement_signed']);
    const byAgent = await http('wf_agent', 'POST', `/api/v1/cases/${kase.id}/actions`, {
      action: 'assign_agent',
      agentUserId: agentId,
    });
    expect(byAgent.status).toBe(403);
    expect(
      (
        await http('wf_leader', 'POST', `/api/v1/cases/${kase.id}/actions`, {
          action: 'suspend',
          reason: 'x',
        })
      ).status,
    ).toBe(403);
    const assigned = await http<CaseView>('wf_director', 'POST', `/api/v1/cases/${kase.id}/actions`, {
      action: 'assign_agent',
      agentUserId: agentId,
    });
    expect([assigned.status, assigned.body.state, assigned.body.agentUserId]).toEqual([
      200,
      'in_progress',
      agentId,
    ]);
    kase = assigned.body;
  });

  it('computes the first worked example: accepted 2026-02-12, committed limit 5 → due 2026-02-26', async () => {
    const id = item('utility_connections').id;
    expect((await act('wf_agent', id, { action: 'prepare', at: '2026-02-09T02:00:00Z' })).status).toBe(200);
    stack.clock.set('2026-02-12T08:00:00Z');
    expect((await act('wf_agent', id, { action: 'submit', at: '2026-02-10T02:00:00Z' })).status).toBe(200);
    const accepted = await act('wf_agent', id, { action: 'accept', at: '2026-02-12T02:00:00Z' });
    expect(accepted.status).toBe(200);
    expect((await refresh()).items.find((i) => i.id === id)).toMatchObject({
      state: 'accepted',
      acceptedOn: '2026-02-12',
      limit: 5,
      dueDate: '2026-02-26',
    });
  });

  it('refuses item actions outside the table with 403/404 and changes nothing', async () => {
    const target = item('utility_connections');
    const ledgerBefore = (
      await http<{ entries: unknown[] }>('wf_agent', 'GET', `/api/v1/cases/${kase.id}/ledger`)
    ).body.entries.length;
    const attempts: Array<[string, Record<string, unknown>, number]> = [
      ['wf_enterprise', { action: 'approve', resultDocNo: 'N1', issuedVia: 'department' }, 403],
      ['wf_leader', { action: 'deny', reason: '不予许可' }, 403],
      ['wf_director', { action: 'accept' }, 403],
      ['wf_director', { action: 'waive' }, 400],
      ['wf_officer_other', { action: 'approve', resultDocNo: 'N1', issuedVia: 'department' }, 404],
      ['wf_agent_mz', { action: 'deny', reason: 'x' }, 404],
      // In the table for the role, but only the department grants an extension.
      ['wf_agent', { action: 'extend', newLimit: 30, reason: '材料复杂' }, 403],
    ];
    for (const [username, body, status] of attempts) {
      const res = await act(username, target.id, body);
      expect([username, body.action, res.status]).toEqual([username, body.action, status]);
    }
    const after = (await http<ItemView>('wf_agent', 'GET', `/api/v1/items/${target.id}`)).body;
    expect(after).toMatchObject({
      version: (await refresh()).items.find((i) => i.id === target.id)!.version,
      state: 'accepted',
    });
    expect(after.version).toBe(item('utility_connections').version);
    const ledgerAfter = (
      await http<{ entries: unknown[] }>('wf_agent', 'GET', `/api/v1/cases/${kase.id}/ledger`)
    ).body.entries.length;
    expect(ledgerAfter).toBe(ledgerBefore);
    const unknownAction = await act('wf_agent', target.id, { action: 'teleport' });
    expect(unknownAction.status).toBe(400);
  });

  it('computes the second worked example: accepted 2026-09-29, limit 7 → due 2026-10-14 (国庆)', async () => {
    const id = item('eia_table').id;
    stack.clock.set('2026-09-30T02:00:00Z');
    await act('wf_agent', id, { action: 'prepare', at: '2026-09-28T01:00:00Z' });
    await act('wf_agent', id, { action: 'submit', at: '2026-09-28T02:00:00Z' });
    expect((await act('wf_agent', id, { action: 'accept', at: '2026-09-29T02:00:00Z' })).status).toBe(200);
    expect((await refresh()).items.find((i) => i.id === id)).toMatchObject({
      limit: 7,
      dueDate: '2026-10-14',
    });
  });

  it("lists an agent's open items most urgent first, within scope only", async () => {
    type Worklist = { items: Array<ItemView & { projectName: string }>; total: number; truncated: boolean };
    const mine = await http<Worklist>('wf_agent', 'GET', '/api/v1/items?mine=true&pageSize=100');
    expect(mine.status).toBe(200);
    const codes = mine.body.items.map((i) => i.catalogCode);
    // utility_connections was due 2026-02-26 and is long overdue; eia_table runs until 2026-10-14.
    expect(mine.body.items[0]).toMatchObject({ catalogCode: 'utility_connections', light: 'red' });
    expect(codes.indexOf('eia_table')).toBeGreaterThan(0);
    expect(mine.body.items[0].projectName).toBeTruthy();
    expect(mine.body.total).toBe(mine.body.items.length);
    expect(mine.body.items.every((i) => !['handed_over', 'waived', 'denied'].includes(i.state))).toBe(true);

    const red = await http<Worklist>('wf_agent', 'GET', '/api/v1/items?mine=true&lights=red');
    expect(red.body.items.map((i) => i.catalogCode)).toContain('utility_connections');
    expect(red.body.items.every((i) => i.light === 'red')).toBe(true);

    const accepted = await http<Worklist>('wf_director', 'GET', '/api/v1/items?states=accepted');
    expect(accepted.body.items.map((i) => i.catalogCode).sort()).toEqual([
      'eia_table',
      'utility_connections',
    ]);

    expect((await http<Worklist>('wf_agent_mz', 'GET', '/api/v1/items')).body.total).toBe(0);
    expect((await http<Worklist>('wf_enterprise', 'GET', '/api/v1/items')).body.total).toBe(mine.body.total);
    expect((await http('wf_director', 'GET', '/api/v1/items?mine=true')).status).toBe(400);
    expect((await http('wf_agent', 'GET', '/api/v1/items?states=teleported')).status).toBe(400);
    expect((await http('wf_agent', 'GET', '/api/v1/items?pageSize=1000')).status).toBe(400);
  });

  it('exports the ledger as an .xlsx attachment and serves plan, catalog, calendar and the seal register', async () => {
    const res = await fetch(`${stack.gw.url}/api/v1/cases/${kase.id}/ledger?format=xlsx`, {
      headers: { authorization: `Bearer ${await as('wf_enterprise')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="[^"]+\.xlsx"; filename\*=UTF-8''/,
    );
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect((await http('wf_agent_mz', 'GET', `/api/v1/cases/${kase.id}/ledger?format=xlsx`)).status).toBe(
      404,
    );

    const plan = await http<{ caseId: string; items: unknown[] }>(
      'wf_agent',
      'GET',
      `/api/v1/cases/${kase.id}/plan`,
    );
    expect([plan.status, plan.body.caseId]).toEqual([200, kase.id]);
    const catalog = await http<{ version: number; items: unknown[] }>(
      'wf_enterprise',
      'GET',
      '/api/v1/catalog',
    );
    expect(catalog.status).toBe(200);
    expect(catalog.body.items.length).toBeGreaterThan(20);
    expect((await http('wf_agent', 'GET', '/api/v1/calendar/2026')).status).toBe(200);
    expect(
      (await http('wf_agent', 'PUT', '/api/v1/calendar/2026', { holidays: [], makeupWorkdays: [] })).status,
    ).toBe(403);
    const register = await http<{ entries: unknown[] }>(
      'wf_director',
      'GET',
      '/api/v1/parks/park-xslg/seal-register',
    );
    expect(register.status).toBe(200);
    expect((await http('wf_agent_mz', 'GET', '/api/v1/parks/park-xslg/seal-register')).status).toBe(404);
  });
});
