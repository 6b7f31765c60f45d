import { creditCode } from '../../registry/test/registry-harness';
import { ADMIN_PASSWORD, call, createUser, login } from './gateway-harness';
import { bootStack, type Stack } from './stack-harness';

/** The registry routes through the real gateway: real logins, real tokens, the registry behind NATS. */
describe('registry HTTP routes', () => {
  let stack: Stack;
  let agent: string;
  let admin: string;

  const request = (method: string, url: string, token: string | undefined, body?: unknown) =>
    call(stack.gw, method, url, { token, body });

  beforeAll(async () => {
    stack = await bootStack();
    await createUser(stack.gw, 'reg_agent', 'agent', { kind: 'park', parkId: 'park-zjkfq' });
    agent = (await login(stack.gw, 'reg_agent')).accessToken;
    admin = (await login(stack.gw, 'admin', ADMIN_PASSWORD)).accessToken;
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('lists counties and parks by county; refuses anonymous callers', async () => {
    const counties = await request('GET', '/api/v1/counties', agent);
    expect(counties.status).toBe(200);
    expect(counties.body.items).toHaveLength(11);
    const parks = await request('GET', '/api/v1/parks?countyCode=440881', agent);
    expect((parks.body.items as Array<{ id: string }>).map((p) => p.id)).toEqual(['park-ljsd']);
    expect((await request('GET', '/api/v1/counties', undefined)).status).toBe(401);
  });

  it('validates the credit code with a field error and rejects unknown fields by name', async () => {
    const bad = await request('POST', '/api/v1/enterprises', agent, {
      name: '测试企业',
      creditCode: '91350100M000100Y44',
      legalRepresentative: '张三',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'creditCode' }] });
    const extra = await request('POST', '/api/v1/enterprises', agent, {
      name: '测试企业',
      creditCode: creditCode(1),
      legalRepresentative: '张三',
      version: 9,
    });
    expect(extra.status).toBe(400);
    expect(extra.body.code).toBe('UNKNOWN_FIELD');
  });

  it('admin manages parks; others may not, and each attempt is audited', async () => {
    const body = { id: 'park-test-new', name: '测试园区', countyCode: '440802' };
    expect((await request('POST', '/api/v1/parks', agent, body)).status).toBe(403);
    const created = await request('POST', '/api/v1/parks', admin, body);
    expect(created.status).toBe(201);
    expect((await request('POST', '/api/v1/parks', admin, body)).body.code).toBe('DUPLICATE');
    const patched = await request('PATCH', '/api/v1/parks/park-test-new', admin, {
      version: 1,
      name: '改名园区',
    });
    expect(patched.body).toMatchObject({ name: '改名园区', version: 2 });
    const rows = await stack.gw.db.query(
      `SELECT action, object_id, result FROM audit_log WHERE action LIKE 'parks.%' ORDER BY id`,
    );
    expect(rows).toEqual([
      { action: 'parks.create', object_id: 'park-test-new', result: 'success' },
      { action: 'parks.create', object_id: null, result: 'failure' },
      { action: 'parks.update', object_id: 'park-test-new', result: 'success' },
    ]);
  });

  it('registers, reads and patches projects with optimistic concurrency; other enterprises get 404', async () => {
    const registered = await request('POST', '/api/v1/enterprises', agent, {
      name: 'HTTP测试企业',
      creditCode: creditCode(2),
      legalRepresentative: '王五',
      contacts: [{ name: '赵六', phone: '13900001111' }],
    });
    const e = registered.body as { id: string; contacts: Array<{ phone: string }> };
    expect(e.contacts[0].phone).toBe('139****1111');
    const created = await request('POST', '/api/v1/projects', agent, {
      name: 'HTTP项目',
      enterpriseId: e.id,
      parkId: 'park-zjkfq',
      totalInvestment: '10000.01',
      industryChain: '绿色钢铁',
    });
    expect(created.status).toBe(201);
    const project = created.body as { projectId: string; agencyRequired: boolean };
    expect(project.agencyRequired).toBe(true);
    const [audited] = await stack.gw.db.query(
      `SELECT object_id FROM audit_log WHERE action = 'projects.register' AND result = 'success'`,
    );
    expect(audited.object_id).toBe(project.projectId);

    const [a, b] = await Promise.all([
      request('PATCH', `/api/v1/projects/${project.projectId}`, agent, { version: 1, name: '甲' }),
      request('PATCH', `/api/v1/projects/${project.projectId}`, agent, { version: 1, name: '乙' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.code).toBe('VERSION_CONFLICT');

    // Its own enterprise user sees it; a user of another enterprise does not learn it exists.
    await createUser(stack.gw, 'reg_owner', 'enterprise', { kind: 'enterprise', enterpriseId: e.id });
    const owner = (await login(stack.gw, 'reg_owner')).accessToken;
    expect((await request('GET', `/api/v1/projects/${project.projectId}`, owner)).status).toBe(200);
    await createUser(stack.gw, 'reg_stranger', 'enterprise', {
      kind: 'enterprise',
      enterpriseId: '00000000-0000-0000-0000-000000000000',
    });
    const stranger = (await login(stack.gw, 'reg_stranger')).accessToken;
    expect((await request('GET', `/api/v1/projects/${project.projectId}`, stranger)).status).toBe(404);
    expect(
      (await request('PATCH', `/api/v1/projects/${project.projectId}`, stranger, { version: 2, name: 'x' }))
        .status,
    ).toBe(404);
    expect((await request('GET', '/api/v1/projects', stranger)).body).toMatchObject({ items: [], total: 0 });

    expect(
      (
        await request('PATCH', `/api/v1/projects/${project.projectId}`, agent, {
          version: 2,
          status: 'in_production',
        })
      ).body.code,
    ).toBe('UNKNOWN_FIELD');
    expect((await request('GET', '/api/v1/projects/bad.id', agent)).status).toBe(400);
    const milestone = await request('POST', `/api/v1/projects/${project.projectId}/milestones`, agent, {
      type: 'signed',
      date: '2026-03-01',
      evidence: '合同',
    });
    expect(milestone.status).toBe(201);
    const pipeline = await request('GET', '/api/v1/projects/pipeline?stage=all', agent);
    expect(pipeline.body.tiers).toHaveLength(5);
    const land = await request('POST', '/api/v1/parks/park-zjkfq/land-records', agent, {
      kind: 'reserved',
      areaMu: '120.5',
      date: '2026-03-01',
      parcel: 'DH-2026-01',
    });
    expect(land.status).toBe(201);
    const lands = await request('GET', '/api/v1/parks/park-zjkfq/land-records', agent);
    expect((lands.body.totals as { reserved: string }).reserved).toBe('120.5000');
  });

  it('shows masked phones by default and full ones only through the audited reveal', async () => {
    const e = (
      await request('POST', '/api/v1/enterprises', agent, {
        name: '联系人测试企业',
        creditCode: creditCode(3),
        legalRepresentative: '李四',
        contacts: [{ name: '钱七', phone: '13700002222' }],
      })
    ).body as { id: string };
    const read = await request('GET', `/api/v1/enterprises/${e.id}`, agent);
    expect(JSON.stringify(read.body)).not.toContain('13700002222');
    const revealed = await request('POST', `/api/v1/enterprises/${e.id}/contacts/reveal`, agent);
    expect(revealed.status).toBe(200);
    expect(revealed.body).toMatchObject({ contacts: [{ phone: '13700002222' }] });
    const rows = await stack.gw.db.query(
      `SELECT object_id FROM audit_log WHERE action = 'enterprises.revealContacts' AND result = 'success'`,
    );
    expect(rows).toEqual([{ object_id: e.id }]);
  });
});
