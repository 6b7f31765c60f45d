import { pollUntil } from '@daiban/testing';
import { creditCode } from '../../registry/test/registry-harness';
import { call, createUser, login, type Answer } from './gateway-harness';
import { bootStack, type Stack } from './stack-harness';

interface CasePage {
  items: Array<{
    id: string;
    projectId: string;
    projectName: string;
    state: string;
    agentUserId: string | null;
  }>;
  total: number;
  page: number;
  pageSize: number;
}

/** The park board's routes: a park's agents from the gateway's users, and the scoped case list. */
describe('park board routes', () => {
  let stack: Stack;
  let agentId: string;
  let agentMzId: string;
  let homeCase: string;
  let foreignCase: string;

  const http = async <T = Record<string, unknown>>(username: string, path: string): Promise<Answer<T>> =>
    call<T>(stack.gw, 'GET', path, { token: (await login(stack.gw, username)).accessToken });

  /** Registers a project over 1亿 in the agent's park and waits for the case the registry's event opens. */
  const caseOf = async (agent: string, parkId: string, n: number) => {
    const token = (await login(stack.gw, agent)).accessToken;
    const enterprise = await call<{ id: string }>(stack.gw, 'POST', '/api/v1/enterprises', {
      token,
      body: { name: `看板测试企业${n}`, creditCode: creditCode(800 + n), legalRepresentative: '吴九' },
    });
    const project = await call<{ projectId: string }>(stack.gw, 'POST', '/api/v1/projects', {
      token,
      body: {
        name: `看板测试项目${n}`,
        enterpriseId: enterprise.body.id,
        parkId,
        totalInvestment: '20000',
        industryChain: '先进材料',
      },
    });
    expect(project.status).toBe(201);
    return pollUntil(async () => {
      const res = await call<{ id: string }>(
        stack.gw,
        'GET',
        `/api/v1/projects/${project.body.projectId}/case`,
        { token },
      );
      return res.status === 200 ? res.body.id : null;
    });
  };

  beforeAll(async () => {
    stack = await bootStack({ workflow: true });
    const gw = stack.gw;
    agentId = await createUser(
      gw,
      'pb_agent',
      'agent',
      { kind: 'park', parkId: 'park-xslg' },
      {
        phone: '13812345678',
      },
    );
    agentMzId = await createUser(gw, 'pb_agent_mz', 'agent', { kind: 'park', parkId: 'park-mzjk' });
    await createUser(gw, 'pb_director', 'center_director', { kind: 'park', parkId: 'park-xslg' });
    await createUser(gw, 'pb_director_mz', 'center_director', { kind: 'park', parkId: 'park-mzjk' });
    await createUser(gw, 'pb_leader', 'leader', { kind: 'county', countyCode: '440811' });
    await createUser(gw, 'pb_admin', 'admin', { kind: 'city' });
    const disabled = await createUser(gw, 'pb_agent_gone', 'agent', { kind: 'park', parkId: 'park-xslg' });
    const admin = (await login(gw, 'pb_admin')).accessToken;
    const patched = await call(gw, 'PATCH', `/api/v1/users/${disabled}`, {
      token: admin,
      body: { enabled: false },
    });
    expect(patched.status).toBe(200);
    homeCase = await caseOf('pb_agent', 'park-xslg', 1);
    foreignCase = await caseOf('pb_agent_mz', 'park-mzjk', 2);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("gives a director the enabled agents of the own park, phones masked, and 404 for another park's", async () => {
    const own = await http<{ items: unknown[] }>('pb_director', '/api/v1/parks/park-xslg/agents');
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([{ id: agentId, displayName: '测试 pb_agent', phone: '138****5678' }]);
    const other = await http('pb_director', '/api/v1/parks/park-mzjk/agents');
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain(agentMzId);
    const byAdmin = await http<{ items: Array<{ id: string }> }>(
      'pb_admin',
      '/api/v1/parks/park-mzjk/agents',
    );
    expect(byAdmin.body.items.map((agent) => agent.id)).toEqual([agentMzId]);
    expect((await http('pb_agent', '/api/v1/parks/park-xslg/agents')).status).toBe(403);
  });

  it("lists the cases of the caller's scope with filters and server-side paging", async () => {
    const own = await http<CasePage>('pb_director', '/api/v1/cases');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(own.body.items).toEqual([
      expect.objectContaining({
        id: homeCase,
        projectName: '看板测试项目1',
        state: 'awaiting_agreement',
        agentUserId: null,
        lights: { green: 0, yellow: 0, red: 0 },
      }),
    ]);
    expect(JSON.stringify(own.body)).not.toContain(foreignCase);
    const filtered = await http<CasePage>('pb_director', '/api/v1/cases?state=in_progress,suspended');
    expect([filtered.status, filtered.body.total]).toEqual([200, 0]);
    const byAgent = await http<CasePage>('pb_director', `/api/v1/cases?agentId=${agentId}`);
    expect(byAgent.body.total).toBe(0);
    const county = await http<CasePage>('pb_leader', '/api/v1/cases?page=1&pageSize=5');
    expect(county.body.items.map((entry) => entry.id)).toEqual([foreignCase]);
    expect((await http<CasePage>('pb_agent_mz', '/api/v1/cases')).body.items.map((e) => e.id)).toEqual([
      foreignCase,
    ]);
    const bad = await http<{ code: string }>('pb_director', '/api/v1/cases?state=nonsense');
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await http('pb_director', '/api/v1/cases?pageSize=101')).status).toBe(400);
  });
});
