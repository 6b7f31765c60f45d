import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@daiban/contracts';
import { bootGateway, call, createUser, FIXTURE_USERS, login, type Gateway } from './gateway-harness';

interface Route {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  /** Roles the gateway lets through to the notifications service (which then applies scope). */
  allowed: readonly Role[];
}

const ORDER = randomUUID();
const NOTIFICATION_ROUTES: Route[] = [
  { name: 'my inbox', method: 'GET', path: '/api/v1/me/notifications', allowed: ROLES },
  { name: 'unread count', method: 'GET', path: '/api/v1/me/notifications/unread-count', allowed: ROLES },
  {
    name: 'mark read',
    method: 'POST',
    path: '/api/v1/me/notifications/read',
    body: { ids: [randomUUID()] },
    allowed: ROLES,
  },
  { name: 'mark all read', method: 'POST', path: '/api/v1/me/notifications/read-all', allowed: ROLES },
  { name: 'my preferences', method: 'GET', path: '/api/v1/me/notification-preferences', allowed: ROLES },
  {
    name: 'change my preferences',
    method: 'PUT',
    path: '/api/v1/me/notification-preferences',
    body: { categories: { item: { sms: false } } },
    allowed: ROLES,
  },
  {
    name: 'list 督办单',
    method: 'GET',
    path: '/api/v1/supervision-orders',
    allowed: ['admin', 'center_director', 'agent', 'department_officer', 'leader'],
  },
  {
    name: 'issue 督办单',
    method: 'POST',
    path: '/api/v1/supervision-orders',
    body: {
      subject: { kind: 'item', id: 'item-x', title: '测试事项' },
      toDepartmentCode: 'fgj',
      reason: '超期未办',
    },
    allowed: ['admin', 'center_director', 'leader'],
  },
  {
    name: 'act on 督办单',
    method: 'POST',
    path: `/api/v1/supervision-orders/${ORDER}/actions`,
    body: { action: 'sign' },
    allowed: ['admin', 'center_director', 'department_officer', 'leader'],
  },
  {
    name: 'item reminders',
    method: 'GET',
    path: '/api/v1/items/item-x/reminders',
    allowed: ['agent', 'center_director', 'admin'],
  },
  { name: 'channel targets', method: 'GET', path: '/api/v1/admin/notification-targets', allowed: ['admin'] },
  {
    name: 'set a channel target',
    method: 'POST',
    path: '/api/v1/admin/notification-targets',
    body: {
      kind: 'wecom',
      scopeKind: 'park',
      scopeId: 'park-a',
      config: { url: 'https://qyapi.example/hook' },
    },
    allowed: ['admin'],
  },
  {
    name: 'remove a channel target',
    method: 'DELETE',
    path: `/api/v1/admin/notification-targets/${randomUUID()}`,
    allowed: ['admin'],
  },
];

/**
 * The gateway half of the notifications routes' access matrix: roles refused by `@Roles` get 403 and
 * an audit row, callers without a token 401, without reaching the service. Scope (404 outside it) is the
 * service's and is exercised end to end in notifications-wiring.int-spec.ts.
 */
describe('notifications routes × role (gateway)', () => {
  let gw: Gateway;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    gw = await bootGateway();
    for (const role of ROLES) {
      const user = FIXTURE_USERS.find((u) => u.role === role)!;
      await createUser(gw, user.username, user.role, user.scope);
      tokens.set(role, (await login(gw, user.username)).accessToken);
    }
  });
  afterAll(async () => {
    await gw?.close();
  });

  const refused = NOTIFICATION_ROUTES.flatMap((route) =>
    ROLES.filter((role) => !route.allowed.includes(role)).map((role) => [route.name, role, route] as const),
  );

  it.each(refused)('%s as %s → 403', async (_name, role, route) => {
    const res = await call(gw, route.method, route.path, { token: tokens.get(role), body: route.body });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ code: 'FORBIDDEN', message: expect.any(String) });
  });

  it.each(NOTIFICATION_ROUTES.map((route) => [route.name, route] as const))(
    '%s without a token → 401',
    async (_name, route) => {
      const res = await call(gw, route.method, route.path, { body: route.body });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    },
  );

  it('writes one audit row per refusal', async () => {
    const [row] = await gw.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'authorization.denied' AND result = 'denied'`,
    );
    expect(row.n).toBe(refused.length);
  });

  it('documents every route with its error codes', async () => {
    const doc = await call<{ paths: Record<string, Record<string, { responses: object }>> }>(
      gw,
      'GET',
      '/api/docs-json',
    );
    for (const route of NOTIFICATION_ROUTES) {
      const path = route.path
        .replace(ORDER, '{id}')
        .replace(/notification-targets\/[0-9a-f-]{36}$/, 'notification-targets/{id}')
        .replace('item-x', '{id}');
      const operation = doc.body.paths[path]?.[route.method.toLowerCase()];
      expect({ path, documented: Boolean(operation) }).toEqual({ path, documented: true });
      const expected = route.allowed.length < ROLES.length ? ['401', '403', '500'] : ['401', '500'];
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(expected));
    }
  });
});
