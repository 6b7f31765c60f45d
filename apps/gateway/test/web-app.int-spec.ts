import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootGateway, call, login, ADMIN_PASSWORD, type Gateway } from './gateway-harness';

describe('the gateway serves the built web app', () => {
  let gw: Gateway;
  let dist: string;
  const INDEX = '<!doctype html><html lang="zh-CN"><div id="root"></div></html>';

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'daiban-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    gw = await bootGateway({ WEB_DIST_DIR: dist });
  });
  afterAll(async () => {
    await gw?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers / and any browser route with index.html', async () => {
    for (const path of ['/', '/login', '/cases/123?tab=plan', '/admin/users', '/admin']) {
      const res = await call(gw, 'GET', path);
      expect([path, res.status, res.body]).toEqual([path, 200, INDEX]);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('serves hashed assets as immutable', async () => {
    const res = await call(gw, 'GET', '/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('keeps the API first and unknown API paths a JSON 404', async () => {
    const tokens = await login(gw, 'admin', ADMIN_PASSWORD);
    const me = await call(gw, 'GET', '/api/v1/me', { token: tokens.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'admin' });
    for (const path of ['/api/v1/nope', '/api', '/health/nope']) {
      const res = await call(gw, 'GET', path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
    }
    // /admin/… are web pages except the queue board, which answers for itself.
    const board = await call(gw, 'GET', '/admin/queues');
    expect(board.status).toBe(401);
    expect(board.headers.get('content-type')).toMatch(/application\/json/);
    const live = await call(gw, 'GET', '/health/live');
    expect(live.status).toBe(200);
  });
});
