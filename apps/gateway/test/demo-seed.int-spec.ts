import { workflowCaseGetByProject, type Caller, type ProjectView } from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';
import { pollUntil } from '@daiban/testing';
import { PasswordHasher } from '../src/identity/password-hasher.service';
import { DEMO_PASSWORD, DEMO_PLACES, demoUsers, seedDemoUsers } from '../src/identity/demo-seed';
import { DEMO_ENTERPRISES, seedDemoData, type DemoRpc } from '../src/identity/demo-data';
import { call, login, ADMIN_PASSWORD } from './gateway-harness';
import { bootStack, type Stack } from './stack-harness';

describe('demo seed', () => {
  let stack: Stack;
  let rpc: DemoRpc;
  beforeAll(async () => {
    stack = await bootStack({ workflow: true });
    const client = stack.gw.app.get(RpcClient);
    rpc = { call: (def, data, caller) => client.call(def, data, { caller }) };
  });
  afterAll(async () => {
    await stack?.close();
  });

  const seed = async () => {
    const data = await seedDemoData(rpc);
    const enterpriseId = data.enterprises.find((e) => e.name === DEMO_ENTERPRISES[0].name)!.id;
    const admin = { username: 'admin', password: 'Other#Pass2026' };
    await seedDemoUsers(stack.gw.db, new PasswordHasher(), stack.gw.clock.now(), admin, enterpriseId);
    return { data, enterpriseId };
  };

  it('creates the registry data and one user of every role, can run again, and keeps the first admin', async () => {
    const first = await seed();
    expect(first.data.projects.map((p) => p.created)).toEqual([true, true, true, true]);
    const before = await login(stack.gw, 'demo_agent', DEMO_PASSWORD);
    const again = await seed();
    // Found by credit code and name, not created twice; re-seeding resets demo users, so their sessions end.
    expect(again.enterpriseId).toBe(first.enterpriseId);
    expect(again.data.projects.map((p) => [p.id, p.created])).toEqual(
      first.data.projects.map((p) => [p.id, false]),
    );
    expect((await call(stack.gw, 'GET', '/api/v1/me', { token: before.accessToken })).status).toBe(401);
    const roles = new Set<string>();
    for (const user of demoUsers(first.enterpriseId)) {
      const tokens = await login(stack.gw, user.username, DEMO_PASSWORD);
      const me = await call(stack.gw, 'GET', '/api/v1/me', { token: tokens.accessToken });
      expect(me.body).toMatchObject({ role: user.role, scope: user.scope });
      roles.add(user.role);
    }
    expect(roles.size).toBe(7);
    expect((await login(stack.gw, 'admin', ADMIN_PASSWORD)).accessToken).toBeTruthy();
  });

  it('shows each demo login what its scope covers', async () => {
    const projects = async (username: string) => {
      const { accessToken } = await login(stack.gw, username, DEMO_PASSWORD);
      const res = await call<{ items: ProjectView[] }>(stack.gw, 'GET', '/api/v1/projects', {
        token: accessToken,
      });
      return res.body.items.map((p) => p.name).sort();
    };
    const xiashan = DEMO_ENTERPRISES[0].projects.map((p) => p.name).sort();
    expect(await projects('demo_enterprise')).toEqual(xiashan);
    expect(await projects('demo_agent')).toEqual(xiashan);
    expect(await projects('demo_leader_county')).toEqual(xiashan);
    expect(await projects('demo_agent_mz')).toEqual(['预制菜中央厨房项目']);
    expect(await projects('demo_leader_city')).toHaveLength(4);
  });

  it('opens the 代办件 of the project over 1亿 (registry → event → workflow), and only of it', async () => {
    const { data } = await seed();
    const [big, small, green] = data.projects;
    expect([big.agencyRequired, small.agencyRequired, green.greenChannel]).toEqual([true, false, true]);
    const director: Caller = {
      userId: 'demo-check',
      role: 'center_director',
      scope: { kind: 'park', parkId: DEMO_PLACES.xiashanPark },
    };
    const kase = await pollUntil(() => rpc.call(workflowCaseGetByProject, { projectId: big.id }, director));
    expect(kase).toMatchObject({ projectId: big.id, state: 'awaiting_agreement' });
    await expect(rpc.call(workflowCaseGetByProject, { projectId: small.id }, director)).rejects.toMatchObject(
      {
        code: 'NOT_FOUND',
      },
    );
  });
});
