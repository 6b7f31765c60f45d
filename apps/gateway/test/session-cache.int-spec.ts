import { pollUntil } from '@daiban/testing';
import { SessionCache, LISTENER_APPLICATION_NAME } from '../src/identity/session-cache';
import { SessionsRepository } from '../src/identity/sessions.repository';
import { bootGateway, call, createUser, login, type Gateway } from './gateway-harness';

/**
 * The session cache answers repeated requests without PostgreSQL and still refuses a changed session on
 * the next request: at once for a change made through this gateway, and as soon as the NOTIFY is read
 * for a change made elsewhere (here: SQL on the gateway's database that bypasses its repositories, as
 * another replica's write would).
 */
describe('session cache', () => {
  let gw: Gateway;
  let cache: SessionCache;
  let reads: jest.SpyInstance;
  // /me reads the session once itself (for its expiry); the authentication's read is the other one.
  const me = (token: string) => call(gw, 'GET', '/api/v1/me', { token });
  const adminToken = async () => (await login(gw, 'admin', 'Test#Admin2026')).accessToken;
  const listenerPid = async () =>
    (
      (await gw.db.query(
        `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
        [LISTENER_APPLICATION_NAME],
      )) as Array<{ pid: number }>
    )[0]?.pid;

  beforeAll(async () => {
    gw = await bootGateway();
    cache = gw.app.get(SessionCache);
    reads = jest.spyOn(gw.app.get(SessionsRepository), 'state');
    await pollUntil(() => cache.active, { message: 'session cache listening' });
  });
  afterAll(async () => {
    await gw?.close();
  });
  beforeEach(() => reads.mockClear());

  async function freshUser(username: string) {
    const id = await createUser(gw, username, 'agent', { kind: 'park', parkId: 'park-a' });
    const tokens = await login(gw, username);
    expect((await me(tokens.accessToken)).status).toBe(200);
    reads.mockClear();
    return { id, tokens };
  }

  it('reads a session from PostgreSQL once, then answers from memory', async () => {
    const { tokens } = await freshUser('cached_user');
    for (let i = 0; i < 5; i++) expect((await me(tokens.accessToken)).status).toBe(200);
    expect(reads).toHaveBeenCalledTimes(5);
  });

  it('refuses a user disabled through this gateway on its very next request', async () => {
    const { id, tokens } = await freshUser('disabled_here');
    expect((await me(tokens.accessToken)).status).toBe(200);
    expect(reads).toHaveBeenCalledTimes(1);
    const patch = await call(gw, 'PATCH', `/api/v1/users/${id}`, {
      token: await adminToken(),
      body: { enabled: false },
    });
    expect(patch.status).toBe(200);
    expect((await me(tokens.accessToken)).status).toBe(401);
  });

  it('refuses a user disabled through this gateway before its own NOTIFY is read', async () => {
    const { id, tokens } = await freshUser('disabled_unheard');
    expect((await me(tokens.accessToken)).status).toBe(200);
    expect(reads).toHaveBeenCalledTimes(1);
    // The NOTIFY of the commit may be read after the PATCH is answered: here it is never read.
    const unheard = jest
      .spyOn(cache as unknown as { drop(key: string): void }, 'drop')
      .mockImplementation(() => {});
    try {
      const patch = await call(gw, 'PATCH', `/api/v1/users/${id}`, {
        token: await adminToken(),
        body: { enabled: false },
      });
      expect(patch.status).toBe(200);
      expect((await me(tokens.accessToken)).status).toBe(401);
    } finally {
      unheard.mockRestore();
    }
  });

  it('refuses a session logged out through this gateway on its very next request', async () => {
    const { tokens } = await freshUser('logged_out_here');
    const out = await call(gw, 'POST', '/api/v1/auth/logout', {
      token: tokens.accessToken,
      body: { refreshToken: tokens.refreshToken },
    });
    expect(out.status).toBeLessThan(300);
    expect((await me(tokens.accessToken)).status).toBe(401);
  });

  it.each([
    ['a user disabled', (id: string) => [`UPDATE users SET enabled = false WHERE id = $1`, [id]] as const],
    [
      'a session revoked',
      (id: string) =>
        [
          `UPDATE session_families SET revoked_at = now(), revoked_reason = 'test' WHERE user_id = $1`,
          [id],
        ] as const,
    ],
    [
      'a role changed',
      (id: string) => [`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [id]] as const,
    ],
  ])('refuses %s by another replica once its NOTIFY is read', async (what, change) => {
    const { id, tokens } = await freshUser(`elsewhere_${what.split(' ')[1]}`);
    expect((await me(tokens.accessToken)).status).toBe(200);
    const epoch = cache.epoch();
    const [sql, params] = change(id);
    const committed = Date.now();
    await gw.db.query(sql, [...params]);
    await pollUntil(() => cache.epoch() !== epoch, { message: 'NOTIFY read' });
    const window = Date.now() - committed;
    expect((await me(tokens.accessToken)).status).toBe(401);
    // The window in which another replica's change is not yet seen: the NOTIFY's trip on loopback.
    expect(window).toBeLessThan(1000);
  });

  it('does not keep a session read from a snapshot older than a change', async () => {
    const { id, tokens } = await freshUser('raced_user');
    // Out of the cache again, as any change elsewhere would drop it: the next request reads PostgreSQL.
    const before = cache.epoch();
    await gw.db.query(`UPDATE users SET display_name = display_name WHERE id = $1`, [id]);
    await pollUntil(() => cache.epoch() !== before);
    reads.mockImplementationOnce(async function (this: SessionsRepository, familyId: string) {
      const stale = await SessionsRepository.prototype.state.call(this, familyId);
      // The user is disabled elsewhere after the read took its snapshot and before its answer is used.
      const epoch = cache.epoch();
      await gw.db.query(`UPDATE users SET enabled = false WHERE id = $1`, [id]);
      await pollUntil(() => cache.epoch() !== epoch);
      return stale;
    });
    // This request was checked against the snapshot it read: it passes, as it would have without a cache.
    expect((await me(tokens.accessToken)).status).toBe(200);
    expect((await me(tokens.accessToken)).status).toBe(401);
  });

  it('reads PostgreSQL on every request while LISTEN is down, and caches again once it is back', async () => {
    const { id, tokens } = await freshUser('listen_down');
    const pid = await pollUntil(listenerPid);
    await gw.db.query(`SELECT pg_terminate_backend($1)`, [pid]);
    await pollUntil(() => !cache.active, { message: 'cache off' });
    reads.mockClear();
    expect((await me(tokens.accessToken)).status).toBe(200);
    expect((await me(tokens.accessToken)).status).toBe(200);
    expect(reads).toHaveBeenCalledTimes(4);
    // No NOTIFY can arrive now: the change is still seen on the next request.
    await gw.db.query(`UPDATE users SET enabled = false WHERE id = $1`, [id]);
    expect((await me(tokens.accessToken)).status).toBe(401);

    await pollUntil(() => cache.active, { message: 'cache back', timeoutMs: 15_000 });
    const other = await freshUser('listen_back');
    expect((await me(other.tokens.accessToken)).status).toBe(200);
    expect(reads).toHaveBeenCalledTimes(1);
  });
});
