import { ROLES, type Role } from '@daiban/contracts';
import { bootGateway, call, createUser, FIXTURE_USERS, login, type Gateway } from './gateway-harness';
import { ROUTE_MATRIX, type MatrixActor, type MatrixFixtures, type RouteCase } from './access-matrix';

/** The first fixture user of each role acts for that role. */
const ACTORS = ROLES.map((role) => FIXTURE_USERS.find((u) => u.role === role)!);

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
  const res = await call(gw, route.method, path, {
    token: actor?.token,
    body: route.body?.(f, actor ?? ({} as MatrixActor), run),
  });
  return { status: res.status, body: res.body as Record<string, unknown>, text: JSON.stringify(res.body) };
}

describe('route × role × foreign resource', () => {
  let gw: Gateway;
  let fixtures: MatrixFixtures;
  const actors = new Map<Role, MatrixActor>();
  let run = 0;

  beforeAll(async () => {
    gw = await bootGateway();
    for (const user of ACTORS) {
      const userId = await createUser(gw, user.username, user.role, user.scope);
      const { accessToken } = await login(gw, user.username);
      actors.set(user.role, { role: user.role, scope: user.scope, userId, token: accessToken });
    }
    const phone = '13987654321';
    const id = await createUser(
      gw,
      'foreign_secret_user',
      'enterprise',
      { kind: 'enterprise', enterpriseId: 'ent-z' },
      { phone },
    );
    fixtures = { foreignUser: { id, username: 'foreign_secret_user', phone } };
  });
  afterAll(async () => {
    await gw?.close();
  });

  const cells = ROUTE_MATRIX.flatMap((route) => ROLES.map((role) => [route.name, role, route] as const));

  it.each(cells)('%s as %s', async (_name, role, route) => {
    const actor = actors.get(role)!;
    const res = await callCase(gw, route, fixtures, actor, ++run);
    if (route.allowed.includes(role)) {
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
      return;
    }
    expect(res.status).toBe(route.denied);
    expect(res.body).toEqual({
      code: route.denied === 403 ? 'FORBIDDEN' : 'NOT_FOUND',
      message: expect.any(String),
    });
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

  it('writes one audit row for each refused role', async () => {
    const [row] = await gw.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'authorization.denied' AND result = 'denied'`,
    );
    const expected = ROUTE_MATRIX.filter((r) => r.denied === 403)
      .map((r) => ROLES.filter((role) => !r.allowed.includes(role)).length)
      .reduce((a, b) => a + b, 0);
    expect(row.n).toBe(expected);
  });
});
