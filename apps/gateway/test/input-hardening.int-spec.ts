import fc from 'fast-check';
import { ERROR_CODES } from '@daiban/contracts';
import { bootGateway, call, createUser, login, ADMIN_PASSWORD, type Gateway } from './gateway-harness';

const ORIGIN = 'https://daiban.zhanjiang.example';

function expectErrorBody(body: unknown): void {
  expect(body).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
  const { code, message, details, ...rest } = body as Record<string, unknown>;
  expect(rest).toEqual({});
  expect(ERROR_CODES).toContain(code);
  expect(String(message)).not.toMatch(/at .*\.ts:\d+|SELECT|INSERT|Error:/);
  expect(JSON.stringify(details ?? null)).not.toMatch(/at .*\.ts:\d+|SELECT /);
}

describe('input hardening, headers and the API document', () => {
  let gw: Gateway;
  let adminToken: string;
  let auditorToken: string;
  let userId: string;

  beforeAll(async () => {
    gw = await bootGateway({ CORS_ORIGINS: ORIGIN });
    userId = await createUser(gw, 'fuzz_target', 'agent', { kind: 'park', parkId: 'park-a' });
    await createUser(gw, 'fuzz_auditor', 'auditor', { kind: 'none' });
    adminToken = (await login(gw, 'admin', ADMIN_PASSWORD)).accessToken;
    auditorToken = (await login(gw, 'fuzz_auditor')).accessToken;
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    for (const raw of ['{"username": "a",', '{', 'nul', '[1,2', '']) {
      const res = await call(gw, 'POST', '/api/v1/auth/login', { rawBody: raw });
      expect(res.status).toBe(400);
      expectErrorBody(res.body);
      expect([raw, res.body]).toMatchObject([raw, { code: 'MALFORMED_JSON' }]);
    }
  });

  it('answers a body over 1 MB with 413', async () => {
    const res = await call(gw, 'POST', '/api/v1/users', {
      token: adminToken,
      rawBody: JSON.stringify({ displayName: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses unknown fields by name — no mass assignment of role, status or enterpriseId', async () => {
    const res = await call(gw, 'PATCH', `/api/v1/users/${userId}`, {
      token: adminToken,
      body: { displayName: 'x', tokenVersion: 0, status: 'active', enterpriseId: 'e1' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'UNKNOWN_FIELD' });
    expect((res.body.details as Array<{ field: string }>).map((d) => d.field).sort()).toEqual([
      'enterpriseId',
      'status',
      'tokenVersion',
    ]);
    const login2 = await call(gw, 'POST', '/api/v1/auth/login', {
      body: { username: 'fuzz_target', password: 'x', role: 'admin' },
    });
    expect(login2.body).toMatchObject({ code: 'UNKNOWN_FIELD' });
  });

  it('refuses prototype pollution attempts', async () => {
    const res = await call(gw, 'POST', '/api/v1/auth/login', {
      rawBody: '{"username":"a","password":"b","__proto__":{"role":"admin"}}',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'MALFORMED_JSON' });
  });

  it('lists every invalid field in a validation error', async () => {
    const res = await call(gw, 'POST', '/api/v1/users', {
      token: adminToken,
      body: { username: '!', displayName: '', role: 'king', scope: { kind: 'moon' }, password: '' },
    });
    expect(res.status).toBe(400);
    const fields = (res.body.details as Array<{ field: string }>).map((d) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining(['username', 'displayName', 'role', 'scope.kind', 'password']),
    );
  });

  const jsonValue = fc.jsonValue({ maxDepth: 3 });
  const FUZZED: Array<{
    name: string;
    method: string;
    path: () => string;
    token?: () => string;
    query?: boolean;
  }> = [
    { name: 'login', method: 'POST', path: () => '/api/v1/auth/login' },
    { name: 'refresh', method: 'POST', path: () => '/api/v1/auth/refresh' },
    { name: 'logout', method: 'POST', path: () => '/api/v1/auth/logout' },
    { name: 'change-password', method: 'POST', path: () => '/api/v1/auth/change-password' },
    { name: 'create user', method: 'POST', path: () => '/api/v1/users', token: () => adminToken },
    { name: 'update user', method: 'PATCH', path: () => `/api/v1/users/${userId}`, token: () => adminToken },
    { name: 'reveal', method: 'POST', path: () => `/api/v1/users/${userId}/reveal`, token: () => adminToken },
    { name: 'own password', method: 'POST', path: () => '/api/v1/me/password', token: () => adminToken },
    { name: 'list users', method: 'GET', path: () => '/api/v1/users', token: () => adminToken, query: true },
    { name: 'audit', method: 'GET', path: () => '/api/v1/audit', token: () => auditorToken, query: true },
  ];

  it.each(FUZZED.map((r) => [r.name, r] as const))('fuzzing %s never yields a 5xx', async (_name, route) => {
    const arbitrary = route.query
      ? fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 30 }), { maxKeys: 4 })
      : fc.oneof(
          jsonValue,
          fc.record(
            {
              username: fc.oneof(fc.string(), jsonValue),
              password: fc.oneof(fc.string(), jsonValue),
              refreshToken: fc.oneof(fc.string(), jsonValue),
              role: fc.oneof(fc.constantFrom('admin', 'agent'), jsonValue),
              scope: jsonValue,
              displayName: fc.oneof(fc.string(), jsonValue),
            },
            { requiredKeys: [] },
          ),
        );
    await fc.assert(
      fc.asyncProperty(arbitrary, async (input) => {
        const res = route.query
          ? await call(
              gw,
              route.method,
              `${route.path()}?${new URLSearchParams(input as Record<string, string>)}`,
              {
                token: route.token?.(),
              },
            )
          : await call(gw, route.method, route.path(), {
              token: route.token?.(),
              rawBody: JSON.stringify(input),
            });
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expectErrorBody(res.body);
      }),
      { numRuns: 40 },
    );
  });

  it('answers unknown routes with the error body', async () => {
    const res = await call(gw, 'GET', '/api/v1/nothing-here', { token: adminToken });
    expect(res.status).toBe(404);
    expectErrorBody(res.body);
  });

  it('sends security headers and allows only the configured CORS origin', async () => {
    const ok = await call(gw, 'GET', '/api/v1/me', { token: adminToken, headers: { origin: ORIGIN } });
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(ok.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const other = await call(gw, 'GET', '/api/v1/me', {
      token: adminToken,
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('documents every route with request and response schemas and error codes', async () => {
    const res = await call<{
      paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
    }>(gw, 'GET', '/api/docs-json');
    expect(res.status).toBe(200);
    const login = res.body.paths['/api/v1/auth/login'].post;
    expect(login.requestBody).toBeDefined();
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '423', '429']));
    const users = res.body.paths['/api/v1/users/{id}'].patch;
    expect(Object.keys(users.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
    for (const [path, operations] of Object.entries(res.body.paths)) {
      if (!path.startsWith('/api/v1/') || path.startsWith('/api/v1/system')) continue;
      for (const operation of Object.values(operations)) {
        expect(Object.keys(operation.responses)).toContain('500');
      }
    }
    const ui = await fetch(`${gw.url}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });
});

describe('API docs in production', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await bootGateway({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-like-secret-of-sufficient-length',
    });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('are not served unless configured', async () => {
    expect((await call(gw, 'GET', '/api/docs-json')).status).toBe(404);
  });
});
