import { PasswordHasher } from '../src/identity/password-hasher.service';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } from '../src/identity/demo-seed';
import { bootGateway, call, login, ADMIN_PASSWORD, type Gateway } from './gateway-harness';

describe('demo seed', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await bootGateway();
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('creates one user of every role, can run again, and keeps the first admin', async () => {
    const admin = { username: 'admin', password: 'Other#Pass2026' };
    await seedDemoUsers(gw.db, new PasswordHasher(), gw.clock.now(), admin);
    const before = await login(gw, 'demo_agent', DEMO_PASSWORD);
    await seedDemoUsers(gw.db, new PasswordHasher(), gw.clock.now(), admin);
    // Re-seeding resets demo users, so their old sessions end.
    expect((await call(gw, 'GET', '/api/v1/me', { token: before.accessToken })).status).toBe(401);
    const roles = new Set<string>();
    for (const user of DEMO_USERS) {
      const tokens = await login(gw, user.username, DEMO_PASSWORD);
      const me = await call(gw, 'GET', '/api/v1/me', { token: tokens.accessToken });
      expect(me.body).toMatchObject({ role: user.role, scope: user.scope });
      roles.add(user.role);
    }
    expect(roles.size).toBe(7);
    expect((await login(gw, 'admin', ADMIN_PASSWORD)).accessToken).toBeTruthy();
  });
});
