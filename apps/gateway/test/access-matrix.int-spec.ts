import {
  ROLES,
  createSupervisionOrder,
  reportingTargetsGet,
  workflowCalendarGet,
  workflowCaseGetByProject,
  workflowCaseSignAgreement,
  workflowCatalogGet,
  workflowRequestRaise,
  type Caller,
  type Role,
  type Scope,
} from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';
import { pollUntil } from '@daiban/testing';
import { creditCode } from '../../registry/test/registry-harness';
import { call, createUser, login, type Gateway } from './gateway-harness';
import {
  FOREIGN_PARK,
  HOME_PARK,
  PUBLIC_ROUTES,
  ROUTE_MATRIX,
  expectedStatus,
  type MatrixActor,
  type MatrixFixtures,
  type RouteCase,
} from './access-matrix';
import { bootStack, type Stack } from './stack-harness';
import { documentedRoutes, routeInventory, templateOf } from './route-inventory';

/** One actor per role, all at home (park-xslg, county 440803, enterprise A). */
const actorScopes = (ownEnterpriseId: string): Record<Role, Scope> => ({
  admin: { kind: 'city' },
  center_director: { kind: 'park', parkId: HOME_PARK },
  agent: { kind: 'park', parkId: HOME_PARK },
  department_officer: { kind: 'department', departmentCode: 'fgj', countyCode: '440803' },
  enterprise: { kind: 'enterprise', enterpriseId: ownEnterpriseId },
  leader: { kind: 'county', countyCode: '440803' },
  auditor: { kind: 'none' },
});

/** An enterprise and its project over 1亿 in `parkId`, registered through HTTP by that park's agent. */
async function enterpriseWithProject(gw: Gateway, parkId: string, seed: number, label: string) {
  const username = `setup_${parkId.replace(/-/g, '_')}`;
  await createUser(gw, username, 'agent', { kind: 'park', parkId });
  const { accessToken: token } = await login(gw, username);
  const enterpriseName = `${label}企业有限公司`;
  const code = creditCode(seed);
  const enterprise = await call<{ id: string }>(gw, 'POST', '/api/v1/enterprises', {
    token,
    body: {
      name: enterpriseName,
      creditCode: code,
      legalRepresentative: '法人',
      contacts: [{ name: '联系人', phone: '13600003333' }],
    },
  });
  if (enterprise.status !== 201) throw new Error(`enterprise: ${JSON.stringify(enterprise.body)}`);
  const projectName = `${label}年产十万吨项目`;
  const project = await call<{ projectId: string }>(gw, 'POST', '/api/v1/projects', {
    token,
    body: {
      name: projectName,
      enterpriseId: enterprise.body.id,
      parkId,
      totalInvestment: '20000',
      industryChain: '绿色钢铁',
    },
  });
  if (project.status !== 201) throw new Error(`project: ${JSON.stringify(project.body)}`);
  return {
    enterpriseId: enterprise.body.id,
    enterpriseName,
    creditCode: code,
    projectId: project.body.projectId,
    projectName,
  };
}

async function callCase(
  gw: Gateway,
  route: RouteCase,
  f: MatrixFixtures,
  actor: MatrixActor | null,
  run: number,
) {
  const path = route.path(f, actor ?? ({} as MatrixActor));
  if (route.stream) {
    const controller = new AbortController();
    const res = await fetch(`${gw.url}${path}`, {
      headers: actor ? { authorization: `Bearer ${actor.token}` } : {},
      signal: controller.signal,
    });
    const body = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
    controller.abort();
    return { status: res.status, body, text: JSON.stringify(body) };
  }
  if (route.form) {
    const res = await fetch(`${gw.url}${path}`, {
      method: route.method,
      headers: actor ? { authorization: `Bearer ${actor.token}` } : {},
      body: route.form(f),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown>, text };
  }
  const res = await call(gw, route.method, path, {
    token: actor?.token,
    body: route.body?.(f, actor ?? ({} as MatrixActor), run),
  });
  return { status: res.status, body: res.body as Record<string, unknown>, text: JSON.stringify(res.body) };
}

describe('route × role × foreign resource', () => {
  let stack: Stack;
  let gw: Gateway;
  let fixtures: MatrixFixtures;
  const actors = new Map<Role, MatrixActor>();
  let run = 0;

  beforeAll(async () => {
    stack = await bootStack({ all: true });
    gw = stack.gw;
    const own = await enterpriseWithProject(gw, HOME_PARK, 501, '霞山本园');
    const foreign = await enterpriseWithProject(gw, FOREIGN_PARK, 502, '麻章外园机密');
    for (const [role, scope] of Object.entries(actorScopes(own.enterpriseId)) as Array<[Role, Scope]>) {
      const username = `actor_${role}`;
      const userId = await createUser(gw, username, role, scope);
      const { accessToken } = await login(gw, username);
      actors.set(role, { role, scope, userId, token: accessToken });
    }
    const phone = '13987654321';
    const id = await createUser(
      gw,
      'foreign_secret_user',
      'enterprise',
      { kind: 'enterprise', enterpriseId: 'ent-z' },
      { phone },
    );
    // The workflow opens both cases from the registry's events; the foreign one is signed so it has items.
    const rpc = gw.app.get(RpcClient);
    const system: Caller = { userId: 'matrix-setup', role: 'admin', scope: { kind: 'city' } };
    const foreignDirector: Caller = {
      userId: 'matrix-setup',
      role: 'center_director',
      scope: { kind: 'park', parkId: FOREIGN_PARK },
    };
    const caseOf = (projectId: string) =>
      pollUntil(() => rpc.call(workflowCaseGetByProject, { projectId }, { caller: system }));
    const ownCase = await caseOf(own.projectId);
    const foreignCase = await rpc.call(
      workflowCaseSignAgreement,
      {
        caseId: (await caseOf(foreign.projectId)).id,
        signedOn: '2026-03-01',
        coverage: 'whole',
        serviceLevel: 'agency',
      },
      { caller: foreignDirector },
    );
    const requestText = '麻章外园机密诉求：供电迟迟未接入';
    const request = await rpc.call(
      workflowRequestRaise,
      { projectId: foreign.projectId, category: 'utilities', description: requestText, attachmentIds: [] },
      { caller: { userId: 'matrix-setup', role: 'agent', scope: { kind: 'park', parkId: FOREIGN_PARK } } },
    );
    const orderReason = '麻章外园机密督办：逾期未受理';
    const order = await rpc.call(
      createSupervisionOrder,
      {
        subject: { kind: 'item', id: foreignCase.items[0].id, title: '外园事项' },
        place: {
          enterpriseId: foreign.enterpriseId,
          parkId: FOREIGN_PARK,
          countyCode: '440811',
          departmentCodes: [],
        },
        toDepartmentCode: 'fgj',
        reason: orderReason,
      },
      { caller: foreignDirector },
    );
    const catalog = await rpc.call(workflowCatalogGet, {}, { caller: system });
    const calendar = await rpc.call(workflowCalendarGet, { year: 2026 }, { caller: system });
    const targets = await rpc.call(reportingTargetsGet, { year: 2026 }, { caller: system });
    fixtures = {
      foreignUser: { id, username: 'foreign_secret_user', phone },
      cases: { own: ownCase.id, foreign: foreignCase.id, foreignItem: foreignCase.items[0].id },
      catalogItems: catalog.items,
      calendar2026: { holidays: calendar.holidays, makeupWorkdays: calendar.makeupWorkdays },
      targets2026: { version: targets.version, targets: targets.targets },
      own: { enterpriseId: own.enterpriseId, projectId: own.projectId },
      foreign: { ...foreign, requestId: request.id, requestText, orderId: order.id, orderReason },
    };
    // Five services boot one after another on a shared 2-core machine.
  }, 180_000);
  afterAll(async () => {
    await stack?.close();
  });

  const cells = ROUTE_MATRIX.flatMap((route) => ROLES.map((role) => [route.name, role, route] as const));

  it.each(cells)('%s as %s', async (_name, role, route) => {
    const actor = actors.get(role)!;
    const res = await callCase(gw, route, fixtures, actor, ++run);
    const expected = expectedStatus(route, role);
    if (expected === 'ok') {
      const answered = (res.status >= 200 && res.status < 300) || route.okStatuses?.includes(res.status);
      expect(answered ? 'ok' : `${res.status} ${res.text}`).toBe('ok');
      // The city-wide admin's scope holds the foreign park too; every other actor's scope does not.
      if (route.neverLeaks && actor.scope.kind !== 'city')
        for (const secret of route.secrets?.(fixtures) ?? []) expect(res.text).not.toContain(secret);
      return;
    }
    expect([res.status, res.body]).toEqual([
      expected,
      { code: expected === 403 ? 'FORBIDDEN' : 'NOT_FOUND', message: expect.any(String) },
    ]);
    for (const secret of route.secrets?.(fixtures) ?? []) expect(res.text).not.toContain(secret);
  });

  it.each(ROUTE_MATRIX.map((route) => [route.name, route] as const))(
    '%s without a token → 401',
    async (_n, route) => {
      const res = await callCase(gw, route, fixtures, null, ++run);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED' });
      for (const secret of route.secrets?.(fixtures) ?? []) expect(res.text).not.toContain(secret);
    },
  );

  it('covers every route of the running app (a new route without a matrix row fails here)', async () => {
    const inventory = routeInventory(gw.app);
    const key = (r: { method: string; template: string }) => `${r.method} ${r.template}`;
    const covered = new Set<string>();
    for (const route of ROUTE_MATRIX) {
      const path = route.path(fixtures, actors.get('admin')!);
      const hit = templateOf(inventory, route.method, path);
      // bull-board is mounted on Fastify directly, not through a Nest controller.
      if (hit) covered.add(key(hit));
      else expect(path.startsWith('/admin/queues/')).toBe(true);
    }
    const uncovered = inventory
      .filter((r) => !covered.has(key(r)) && !(key(r) in PUBLIC_ROUTES))
      .map(key)
      .sort();
    expect(uncovered).toEqual([]);
    // The public list holds exactly the routes marked @Public(), and none is also in the matrix.
    expect(
      inventory
        .filter((r) => r.public)
        .map(key)
        .sort(),
    ).toEqual(Object.keys(PUBLIC_ROUTES).sort());
    expect([...covered].filter((k) => k in PUBLIC_ROUTES)).toEqual([]);
    // The OpenAPI document names no route the router does not have (and so none the matrix misses).
    const doc = await call<{ paths: Record<string, Record<string, unknown>> }>(gw, 'GET', '/api/docs-json');
    const routed = new Set(inventory.map(key));
    expect(documentedRoutes(doc.body).filter((r) => !routed.has(r))).toEqual([]);
    console.info(
      `access matrix: ${inventory.length} routes (${covered.size} in the matrix, ${
        Object.keys(PUBLIC_ROUTES).length
      } public), ${ROUTE_MATRIX.length} rows × ${ROLES.length} roles + anonymous`,
    );
  });

  it('writes one audit row for each refused role', async () => {
    const [row] = await gw.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'authorization.denied' AND result = 'denied'`,
    );
    // Only the gateway's role check (@Roles) writes this row; scope refusals come from the services.
    const expected = ROUTE_MATRIX.map(
      (r) => ROLES.filter((role) => expectedStatus(r, role) === 403).length,
    ).reduce((a, b) => a + b, 0);
    expect(row.n).toBe(expected);
  });
});
