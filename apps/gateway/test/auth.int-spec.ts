import { sign } from 'jsonwebtoken';
import { bootGateway, call, createUser, login, USER_PASSWORD, type Gateway } from './gateway-harness';

const MINUTE = 60_000;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('login, tokens and sessions', () => {
  let gw: Gateway;
  // Tests move the clock by hours: each admin action logs in afresh.
  const adminToken = async () => (await login(gw, 'admin', 'Test#Admin2026')).accessToken;

  beforeAll(async () => {
    gw = await bootGateway();
  });
  afterAll(async () => {
    await gw?.close();
  });

  const me = (token: string) => call(gw, 'GET', '/api/v1/me', { token });

  it('logs in and answers /me with the caller, never the password hash', async () => {
    await createUser(gw, 'li_agent', 'agent', { kind: 'park', parkId: 'park-a' }, { phone: '13812345678' });
    const tokens = await login(gw, 'LI_AGENT');
    expect(tokens.expiresIn).toBeLessThanOrEqual(900);
    expect(tokens.refreshToken).toMatch(/^rt_/);
    const res = await me(tokens.accessToken);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      username: 'li_agent',
      role: 'agent',
      scope: { kind: 'park', parkId: 'park-a' },
    });
    expect(res.body.phone).toBe('138****5678');
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = await call(gw, 'POST', '/api/v1/auth/login', {
      body: { username: 'li_agent', password: 'nope' },
    });
    const unknown = await call(gw, 'POST', '/api/v1/auth/login', {
      body: { username: 'nobody', password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({ code: 'UNAUTHENTICATED', message: '用户名或密码错误' });
  });

  it('rotates the refresh token on every refresh', async () => {
    await createUser(gw, 'rot_user', 'agent', { kind: 'park', parkId: 'park-a' });
    const first = await login(gw, 'rot_user');
    const second = await call<typeof first>(gw, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await me(second.body.accessToken)).status).toBe(200);
    const third = await call<typeof first>(gw, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: second.body.refreshToken },
    });
    expect(third.status).toBe(200);
  });

  it('revokes the whole family when a rotated refresh token comes back', async () => {
    await createUser(gw, 'reuse_user', 'agent', { kind: 'park', parkId: 'park-a' });
    const stolen = await login(gw, 'reuse_user');
    const legit = await call<typeof stolen>(gw, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: stolen.refreshToken },
    });
    expect(legit.status).toBe(200);
    const replay = await call(gw, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: stolen.refreshToken },
    });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('TOKEN_INVALID');
    // Both holders lose the session: the newest refresh token and the access token die with it.
    const afterwards = await call(gw, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: legit.body.refreshToken },
    });
    expect(afterwards.status).toBe(401);
    expect((await me(legit.body.accessToken)).status).toBe(401);
    const [row] = await gw.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.refresh_reuse' AND result = 'denied'`,
    );
    expect(row.n).toBe(1);
  });

  it('logs out: the refresh token and the session access token stop working at once', async () => {
    await createUser(gw, 'bye_user', 'agent', { kind: 'park', parkId: 'park-a' });
    const tokens = await login(gw, 'bye_user');
    const out = await call(gw, 'POST', '/api/v1/auth/logout', {
      body: { refreshToken: tokens.refreshToken },
    });
    expect(out.status).toBe(204);
    expect((await me(tokens.accessToken)).status).toBe(401);
    const refresh = await call(gw, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: tokens.refreshToken },
    });
    expect(refresh.status).toBe(401);
  });

  it('locks the account after 5 failures for 15 minutes, then lets the right password in', async () => {
    await createUser(gw, 'lock_user', 'agent', { kind: 'park', parkId: 'park-a' });
    const attempt = (password: string) =>
      call(gw, 'POST', '/api/v1/auth/login', { body: { username: 'lock_user', password } });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong')).status).toBe(401);
    const fifth = await attempt('wrong');
    expect(fifth.status).toBe(423);
    expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
    const rightButLocked = await attempt(USER_PASSWORD);
    expect(rightButLocked.status).toBe(423);
    gw.clock.advance(14 * MINUTE);
    expect((await attempt(USER_PASSWORD)).status).toBe(423);
    gw.clock.advance(1 * MINUTE + 1000);
    expect((await attempt(USER_PASSWORD)).status).toBe(200);
    // A fresh count after the lock: four more failures do not lock again.
    for (let i = 0; i < 4; i++) expect((await attempt('wrong')).status).toBe(401);
    expect((await attempt(USER_PASSWORD)).status).toBe(200);
  });

  it('spreads failures over more than 15 minutes without locking', async () => {
    await createUser(gw, 'slow_user', 'agent', { kind: 'park', parkId: 'park-a' });
    for (let i = 0; i < 6; i++) {
      const res = await call(gw, 'POST', '/api/v1/auth/login', {
        body: { username: 'slow_user', password: 'x' },
      });
      expect(res.status).toBe(401);
      gw.clock.advance(4 * MINUTE);
    }
  });

  it('rejects a disabled user’s access token on its very next request', async () => {
    const id = await createUser(gw, 'gone_user', 'agent', { kind: 'park', parkId: 'park-a' });
    const tokens = await login(gw, 'gone_user');
    expect((await me(tokens.accessToken)).status).toBe(200);
    const patch = await call(gw, 'PATCH', `/api/v1/users/${id}`, {
      token: await adminToken(),
      body: { enabled: false },
    });
    expect(patch.status).toBe(200);
    expect((await me(tokens.accessToken)).status).toBe(401);
    expect(
      (await call(gw, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: tokens.refreshToken } }))
        .status,
    ).toBe(401);
    const again = await call(gw, 'POST', '/api/v1/auth/login', {
      body: { username: 'gone_user', password: USER_PASSWORD },
    });
    expect(again.status).toBe(401);
  });

  it('invalidates tokens when the role or scope changes', async () => {
    const id = await createUser(gw, 'moved_user', 'agent', { kind: 'park', parkId: 'park-a' });
    const tokens = await login(gw, 'moved_user');
    const patch = await call(gw, 'PATCH', `/api/v1/users/${id}`, {
      token: await adminToken(),
      body: { scope: { kind: 'park', parkId: 'park-b' } },
    });
    expect(patch.status).toBe(200);
    expect((await me(tokens.accessToken)).status).toBe(401);
    const fresh = await login(gw, 'moved_user');
    expect((await me(fresh.accessToken)).body.scope).toEqual({ kind: 'park', parkId: 'park-b' });
  });

  describe('JWT tampering → 401', () => {
    let tokens: Awaited<ReturnType<typeof login>>;
    let claims: Record<string, unknown>;
    beforeAll(async () => {
      await createUser(gw, 'jwt_user', 'agent', { kind: 'park', parkId: 'park-a' });
      tokens = await login(gw, 'jwt_user');
      claims = JSON.parse(Buffer.from(tokens.accessToken.split('.')[1], 'base64url').toString());
    });
    const forge = (payload: Record<string, unknown>, secret = gw.config.JWT_SECRET, typ = 'at+jwt') =>
      sign(payload, secret, { algorithm: 'HS256', header: { alg: 'HS256', typ } });

    it('accepts the genuine token (control)', async () => {
      expect((await me(tokens.accessToken)).status).toBe(200);
      expect((await me(forge(claims))).status).toBe(200);
    });

    it.each([
      ['alg: none', () => `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(claims)}.`],
      ['wrong key', () => forge(claims, 'another-secret-of-at-least-32-characters!!')],
      ['wrong audience', () => forge({ ...claims, aud: 'someone-else' })],
      ['wrong issuer', () => forge({ ...claims, iss: 'evil' })],
      ['expired', () => forge({ ...claims, exp: (claims.iat as number) - 1 })],
      ['wrong typ', () => forge(claims, undefined, 'JWT')],
      ['stream ticket typ', () => forge(claims, undefined, 'stream+jwt')],
      [
        'escalated role in a re-signed token without the key',
        () => {
          const [h, , s] = tokens.accessToken.split('.');
          return `${h}.${b64({ ...claims, role: 'admin', scope: { kind: 'city' } })}.${s}`;
        },
      ],
      ['refresh token used as access token', () => tokens.refreshToken],
      ['garbage', () => 'not.a.token'],
    ])('%s', async (_name, make) => {
      const res = await me(make());
      expect(res.status).toBe(401);
      expect(['TOKEN_INVALID', 'TOKEN_EXPIRED']).toContain(res.body.code);
      expect(Object.keys(res.body).sort()).toEqual(['code', 'message']);
    });

    it('expires the access token after its lifetime on our clock', async () => {
      const fresh = await login(gw, 'jwt_user');
      gw.clock.advance(15 * MINUTE + 1000);
      const res = await me(fresh.accessToken);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('TOKEN_EXPIRED');
    });

    it('asks for a token when none is sent', async () => {
      expect((await call(gw, 'GET', '/api/v1/me')).body.code).toBe('UNAUTHENTICATED');
    });
  });

  it('ends an idle session after 30 minutes and any session at its absolute lifetime', async () => {
    await createUser(gw, 'idle_user', 'agent', { kind: 'park', parkId: 'park-a' });
    const idle = await login(gw, 'idle_user');
    gw.clock.advance(31 * MINUTE);
    const res = await call(gw, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: idle.refreshToken } });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_EXPIRED');

    let current = await login(gw, 'idle_user');
    for (let elapsed = 0; elapsed < 12 * 60; elapsed += 14) {
      gw.clock.advance(14 * MINUTE);
      const next = await call<typeof current>(gw, 'POST', '/api/v1/auth/refresh', {
        body: { refreshToken: current.refreshToken },
      });
      if (elapsed + 14 < 12 * 60) {
        expect(next.status).toBe(200);
        current = next.body;
      } else {
        expect(next.status).toBe(401);
      }
    }
  });

  it('refuses an expired staff password at login and lets the user change it', async () => {
    await createUser(gw, 'old_pw_user', 'agent', { kind: 'park', parkId: 'park-a' });
    await createUser(gw, 'old_pw_ent', 'enterprise', { kind: 'enterprise', enterpriseId: 'ent-x' });
    gw.clock.advance(181 * 24 * 60 * MINUTE);
    const expired = await call(gw, 'POST', '/api/v1/auth/login', {
      body: { username: 'old_pw_user', password: USER_PASSWORD },
    });
    expect(expired.status).toBe(403);
    expect(expired.body.code).toBe('PASSWORD_EXPIRED');
    // Enterprise accounts have no expiry by default.
    expect((await login(gw, 'old_pw_ent')).accessToken).toBeTruthy();
    const weak = await call(gw, 'POST', '/api/v1/auth/change-password', {
      body: { username: 'old_pw_user', currentPassword: USER_PASSWORD, newPassword: 'short' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'password' })]),
    );
    const changed = await call(gw, 'POST', '/api/v1/auth/change-password', {
      body: { username: 'old_pw_user', currentPassword: USER_PASSWORD, newPassword: 'Brand#New2026' },
    });
    expect(changed.status).toBe(204);
    expect((await login(gw, 'old_pw_user', 'Brand#New2026')).accessToken).toBeTruthy();
  });
});

describe('per-IP login throttling behind a trusted proxy', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await bootGateway({ LOGIN_RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(async () => {
    await gw?.close();
  });

  const attempt = (forwardedFor: string) =>
    call(gw, 'POST', '/api/v1/auth/login', {
      body: { username: 'someone', password: 'guess' },
      headers: { 'x-forwarded-for': forwardedFor },
    });

  it('cannot be reset by forging X-Forwarded-For entries', async () => {
    // The trusted proxy appends the real client (198.51.100.7) after whatever the client claimed.
    for (let i = 0; i < 5; i++) expect((await attempt(`10.0.0.${i}, 198.51.100.7`)).status).toBe(401);
    const blocked = await attempt('10.9.9.9, 198.51.100.7');
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('RATE_LIMITED');
    // Another real client is unaffected.
    expect((await attempt('198.51.100.8')).status).toBe(401);
  });
});

describe('X-Forwarded-For from a client that is no trusted proxy', () => {
  let gw: Gateway;
  beforeAll(async () => {
    // No trusted proxy: the socket address (127.0.0.1 here) is the client, whatever the header says.
    gw = await bootGateway({ TRUSTED_PROXIES: '', LOGIN_RATE_LIMIT_PER_MINUTE: '5' });
    await createUser(gw, 'xff_user', 'agent', { kind: 'park', parkId: 'park-a' });
  });
  afterAll(async () => {
    await gw?.close();
  });

  const attempt = (forwardedFor: string, username = 'xff_user') =>
    call(gw, 'POST', '/api/v1/auth/login', {
      body: { username, password: 'guess' },
      headers: { 'x-forwarded-for': forwardedFor },
    });

  it('neither escapes the per-IP throttle nor the account lockout, and audits the real address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(`198.51.100.${i}`)).status);
    // Five failures lock the account whichever address each claimed to come from.
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const blocked = await attempt('203.0.113.250', 'someone_else');
    expect([blocked.status, blocked.body.code]).toEqual([429, 'RATE_LIMITED']);
    const ips: Array<{ ip: string }> = await gw.db.query(
      `SELECT DISTINCT ip FROM audit_log WHERE action = 'auth.login'`,
    );
    expect(ips.map((r) => r.ip)).toEqual(['127.0.0.1']);
  });
});
