import type { AuditEntry, AuditResult } from '../src/audit/audit-entry.entity';
import { AuditRepository } from '../src/audit/audit.repository';
import { bootGateway, call, createUser, login, ADMIN_PASSWORD, type Gateway } from './gateway-harness';

interface AuditItem {
  id: string;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  objectId: string | null;
  result: string;
  errorCode: string | null;
  ip: string | null;
  correlationId: string | null;
  details: Record<string, unknown> | null;
}

describe('audit log', () => {
  let gw: Gateway;
  let auditorToken: string;
  let adminToken: string;
  let agentId: string;

  beforeAll(async () => {
    gw = await bootGateway();
    await createUser(gw, 'auditor_x', 'auditor', { kind: 'none' });
    agentId = await createUser(
      gw,
      'agent_x',
      'agent',
      { kind: 'park', parkId: 'park-a' },
      { phone: '13712345678' },
    );
    auditorToken = (await login(gw, 'auditor_x', undefined, '203.0.113.10')).accessToken;
    adminToken = (await login(gw, 'admin', ADMIN_PASSWORD)).accessToken;
  });
  afterAll(async () => {
    await gw?.close();
  });

  const audit = (query = '') =>
    call<{ items: AuditItem[]; nextBefore: string | null }>(gw, 'GET', `/api/v1/audit${query}`, {
      token: auditorToken,
    });

  it('records logins, successful and failed, with time, actor, role, result, IP and correlation id', async () => {
    await call(gw, 'POST', '/api/v1/auth/login', {
      body: { username: 'agent_x', password: 'wrong' },
      headers: { 'x-forwarded-for': '203.0.113.99', 'x-correlation-id': 'corr-login-failure-1' },
    });
    const res = await audit('?action=auth.login&result=failure');
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({
      actorId: agentId,
      actorRole: 'agent',
      action: 'auth.login',
      result: 'failure',
      errorCode: 'UNAUTHENTICATED',
      ip: '203.0.113.99',
      correlationId: 'corr-login-failure-1',
    });
    expect(res.body.items[0].at).toBe('2026-03-02T01:00:00.000Z');
    const ok = await audit('?action=auth.login&result=success');
    expect(ok.body.items.map((i) => i.ip)).toContain('203.0.113.10');
  });

  it('records state-changing requests with the object, and reveals with their reason', async () => {
    const patch = await call(gw, 'PATCH', `/api/v1/users/${agentId}`, {
      token: adminToken,
      body: { displayName: '张三' },
    });
    expect(patch.status).toBe(200);
    const reveal = await call(gw, 'POST', `/api/v1/users/${agentId}/reveal`, {
      token: adminToken,
      body: { fields: ['phone'], reason: '电话回访' },
    });
    expect(reveal.body).toEqual({ phone: '13712345678' });
    expect(reveal.headers.get('cache-control')).toBe('no-store');
    const failed = await call(gw, 'PATCH', `/api/v1/users/${agentId}`, {
      token: adminToken,
      body: { role: 'enterprise' },
    });
    expect(failed.status).toBe(400);

    const rows = (await audit(`?objectId=${agentId}`)).body.items.filter((r) =>
      r.action.startsWith('users.'),
    );
    expect(rows.map((r) => [r.action, r.result])).toEqual([
      ['users.update', 'failure'],
      ['users.reveal_personal_data', 'success'],
      ['users.update', 'success'],
    ]);
    expect(rows[1].details).toEqual({ fields: ['phone'], reason: '电话回访' });
    expect(rows[1].actorRole).toBe('admin');
  });

  it('records failed authorization', async () => {
    const agent = await login(gw, 'agent_x');
    expect((await call(gw, 'GET', '/api/v1/audit', { token: agent.accessToken })).status).toBe(403);
    const rows = (await audit('?action=authorization.denied')).body.items;
    expect(rows[0]).toMatchObject({ actorId: agentId, result: 'denied', objectId: 'GET /api/v1/audit' });
  });

  it('pages with a keyset and filters by time', async () => {
    const first = await audit('?limit=2');
    expect(first.body.items).toHaveLength(2);
    const next = await audit(`?limit=2&before=${first.body.nextBefore}`);
    expect(Number(next.body.items[0].id)).toBeLessThan(Number(first.body.items[1].id));
    const none = await audit('?from=2027-01-01T00:00:00Z');
    expect(none.body.items).toEqual([]);
    expect((await audit('?sort=at')).status).toBe(400);
  });

  it('writes rows recorded at once together, each as recorded; a bad row fails only its own request', async () => {
    const repository = gw.app.get(AuditRepository);
    const entry = (round: string, i: number): AuditEntry => ({
      at: new Date(Date.UTC(2026, 2, 2, 1, 0, 0, i)),
      actorId: `${round}-${i}`,
      actorRole: i % 3 === 0 ? null : 'agent',
      action: 'items.act',
      objectType: 'item',
      objectId: `item-${i}`,
      result: i % 4 === 0 ? 'failure' : 'success',
      errorCode: i % 4 === 0 ? 'ILLEGAL_TRANSITION' : null,
      ip: i % 5 === 0 ? null : `203.0.113.${i}`,
      correlationId: `corr-${round}-${i}`,
      details: i % 2 === 0 ? null : { action: 'accept', at: `2026-03-02T01:00:0${i % 10}Z`, nested: { i } },
    });
    const stored = (round: string) =>
      gw.db.query(
        `SELECT at, actor_id AS "actorId", actor_role AS "actorRole", action, object_type AS "objectType",
                object_id AS "objectId", result, error_code AS "errorCode", ip, correlation_id AS "correlationId",
                details
           FROM audit_log WHERE actor_id LIKE $1 ORDER BY id`,
        [`${round}-%`],
      );
    const statements = jest.spyOn(gw.db.manager, 'query');
    try {
      const good = Array.from({ length: 20 }, (_, i) => entry('group', i));
      await Promise.all(good.map((e) => repository.insert(e)));
      // The first row is written alone, the 19 recorded while it commits by one more statement.
      expect(statements.mock.calls.length).toBeGreaterThanOrEqual(2);
      expect(statements.mock.calls.length).toBeLessThanOrEqual(3);
      expect(await stored('group')).toEqual(good);

      statements.mockClear();
      const mixed = Array.from({ length: 12 }, (_, i) => entry('mixed', i));
      mixed[7] = { ...mixed[7], result: 'bogus' as AuditResult };
      const outcomes = await Promise.allSettled(mixed.map((e) => repository.insert(e)));
      expect(outcomes.map((o) => o.status)).toEqual(
        mixed.map((_, i) => (i === 7 ? 'rejected' : 'fulfilled')),
      );
      expect(await stored('mixed')).toEqual(mixed.filter((_, i) => i !== 7));
    } finally {
      statements.mockRestore();
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE in PostgreSQL itself, even to the table owner', async () => {
    await expect(gw.db.query(`UPDATE audit_log SET result = 'success'`)).rejects.toThrow(/append-only/);
    await expect(gw.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(gw.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    const [row] = await gw.db.query(`SELECT count(*)::int AS n FROM audit_log`);
    expect(row.n).toBeGreaterThan(0);
  });

  it('lets an application role with the documented grants insert but never change, delete or unprotect a row', async () => {
    const runner = gw.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      // Roles are cluster-wide: created inside a transaction that is rolled back, so nothing remains.
      await runner.query(`CREATE ROLE daiban_gateway_app_test NOLOGIN`);
      await runner.query(`GRANT USAGE ON SCHEMA gateway TO daiban_gateway_app_test`);
      await runner.query(`GRANT SELECT, INSERT ON audit_log TO daiban_gateway_app_test`);
      await runner.query(`GRANT USAGE ON SEQUENCE audit_log_id_seq TO daiban_gateway_app_test`);
      await runner.query(`SET LOCAL ROLE daiban_gateway_app_test`);
      await runner.query(
        `INSERT INTO audit_log (at, action, result) VALUES (now(), 'test.insert', 'success')`,
      );
      for (const statement of [
        `UPDATE audit_log SET action = 'x'`,
        `DELETE FROM audit_log`,
        `TRUNCATE audit_log`,
        `ALTER TABLE audit_log DISABLE TRIGGER USER`,
        `DROP TABLE audit_log`,
      ]) {
        await runner.query('SAVEPOINT attempt');
        await expect(runner.query(statement)).rejects.toThrow(/permission denied|append-only|must be owner/);
        await runner.query('ROLLBACK TO SAVEPOINT attempt');
      }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
