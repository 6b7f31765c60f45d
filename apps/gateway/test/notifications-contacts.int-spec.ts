import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { connect } from 'nats';
import type { DataSource } from 'typeorm';
import { ManualClock } from '@daiban/calendar';
import { CONSUMERS, DomainError, SYSTEM_CALLER, userContacts } from '@daiban/contracts';
import { RpcClient, createServiceApp, provisionMessaging } from '@daiban/messaging';
import { databaseUrl, pollUntil, testInfra, testNames } from '@daiban/testing';
import { notificationsEnv } from '../../notifications/src/config';
import { NotificationsModule } from '../../notifications/src/notifications.module';
import { ReminderService } from '../../notifications/src/reminders/reminder.service';
import { itemDeadline, startSmtpSink } from '../../notifications/test/harness';
import { ADMIN_PASSWORD, USER_PASSWORD, bootGateway, call, login, type Gateway } from './gateway-harness';

/** Tue 2026-10-13 11:00 Asia/Shanghai: the 2026-09-29 + 7 working days item is yellow, not yet red. */
const NOW = '2026-10-13T03:00:00Z';

/** The Subject header, with its RFC 2047 encoded words (as nodemailer writes them) decoded. */
function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return header
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeURIComponent(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1')),
    );
}

describe('gateway users contacts → notifications e-mail at send time', () => {
  const names = testNames();
  let gw: Gateway;
  let notifications: NestFastifyApplication;
  let notificationsDb: DataSource;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let adminToken: string;
  const ids: Record<'withMail' | 'withoutMail', string> = { withMail: '', withoutMail: '' };

  beforeAll(async () => {
    const nc = await connect({ servers: testInfra.natsUrl });
    await provisionMessaging(await nc.jetstreamManager(), {
      namespace: names.namespace,
      consumers: CONSUMERS,
    });
    await nc.close();
    smtp = await startSmtpSink();
    const shared = {
      DATABASE_URL: databaseUrl(names.database),
      NATS_URL: testInfra.natsUrl,
      EVENT_NAMESPACE: names.namespace,
      LOG_LEVEL: 'silent',
    };
    gw = await bootGateway({ ...shared, QUEUE_PREFIX: names.queuePrefix });
    notifications = await createServiceApp(
      NotificationsModule.forRoot(
        notificationsEnv.parse({
          ...shared,
          REDIS_URL: testInfra.redisUrl,
          QUEUE_PREFIX: names.queuePrefix,
          SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
          DELIVERY_BACKOFF_MS: '50',
          REMINDER_SWEEP_EVERY_MS: '3600000',
        }),
        new ManualClock(NOW),
      ),
      { service: 'notifications', logLevel: 'silent', namespace: names.namespace, rpc: true },
    );
    await notifications.init();
    await notifications.startAllMicroservices();
    notificationsDb = notifications.get<DataSource>(getDataSourceToken());
    adminToken = (await login(gw, 'admin', ADMIN_PASSWORD)).accessToken;
  });

  afterAll(async () => {
    await notifications?.close();
    await gw?.close();
    await smtp?.close();
  });

  it('keeps a user’s e-mail validated, masked in answers and revealed only on purpose', async () => {
    const scope = { kind: 'park', parkId: 'park-mail' };
    const bad = await call(gw, 'POST', '/api/v1/users', {
      token: adminToken,
      body: {
        username: 'mail_bad',
        displayName: '坏邮箱',
        role: 'agent',
        scope,
        email: 'not-an-address',
        password: USER_PASSWORD,
      },
    });
    expect(bad.status).toBe(400);

    const created = await call<{ id: string; email: string | null }>(gw, 'POST', '/api/v1/users', {
      token: adminToken,
      body: {
        username: 'mail_agent',
        displayName: '有邮箱的代办员',
        role: 'agent',
        scope,
        email: 'Zhang.San@Example.com',
        password: USER_PASSWORD,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.email).toBe('z***@example.com');
    ids.withMail = created.body.id;

    const plain = await call<{ id: string; email: string | null }>(gw, 'POST', '/api/v1/users', {
      token: adminToken,
      body: {
        username: 'nomail_agent',
        displayName: '无邮箱的代办员',
        role: 'agent',
        scope,
        password: USER_PASSWORD,
      },
    });
    expect(plain.status).toBe(201);
    expect(plain.body.email).toBeNull();
    ids.withoutMail = plain.body.id;

    const patched = await call<{ email: string | null }>(gw, 'PATCH', `/api/v1/users/${ids.withoutMail}`, {
      token: adminToken,
      body: { email: 'li@example.com' },
    });
    expect(patched.body.email).toBe('l***@example.com');
    const cleared = await call<{ email: string | null }>(gw, 'PATCH', `/api/v1/users/${ids.withoutMail}`, {
      token: adminToken,
      body: { email: null },
    });
    expect(cleared.body.email).toBeNull();
    expect(
      (
        await call(gw, 'PATCH', `/api/v1/users/${ids.withoutMail}`, {
          token: adminToken,
          body: { email: 'x@' },
        })
      ).status,
    ).toBe(400);

    const revealed = await call(gw, 'POST', `/api/v1/users/${ids.withMail}/reveal`, {
      token: adminToken,
      body: { fields: ['email'], reason: '核对通知邮箱' },
    });
    expect(revealed.status).toBe(200);
    expect(revealed.body).toEqual({ email: 'zhang.san@example.com' });
    const audit = await pollUntil(async () => {
      const [row] = await gw.db.query(
        `SELECT details FROM audit_log WHERE action = 'users.reveal_personal_data' AND object_id = $1`,
        [ids.withMail],
      );
      return row;
    });
    expect(audit.details).toMatchObject({ fields: ['email'], reason: '核对通知邮箱' });
  });

  it('answers gateway.users.contacts to the system caller only', async () => {
    const rpc = notifications.get(RpcClient);
    const answer = await rpc.call(
      userContacts,
      { userIds: [ids.withMail, ids.withoutMail, 'no-such-user'] },
      { caller: SYSTEM_CALLER },
    );
    expect(
      answer.contacts.sort((a, b) => (a.userId === ids.withMail ? -1 : b.userId === ids.withMail ? 1 : 0)),
    ).toEqual([
      { userId: ids.withMail, email: 'zhang.san@example.com', phone: null, enabled: true },
      { userId: ids.withoutMail, email: null, phone: null, enabled: true },
    ]);
    const agent = {
      userId: ids.withMail,
      role: 'agent' as const,
      scope: { kind: 'park' as const, parkId: 'park-mail' },
    };
    await expect(
      rpc.call(userContacts, { userIds: [ids.withMail] }, { caller: agent }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      rpc.call(userContacts, { userIds: [ids.withMail] }, { caller: null }),
    ).rejects.toBeInstanceOf(DomainError);
  });

  it('e-mails the yellow rung to a user with an address; one without gets the inbox entry and a skipped e-mail', async () => {
    // The users reach notifications as cards without addresses (identity.user.changed).
    await pollUntil(async () => {
      const rows: unknown[] = await notificationsDb.query(
        `SELECT 1 FROM recipients WHERE user_id = ANY($1::text[]) AND email IS NULL`,
        [[ids.withMail, ids.withoutMail]],
      );
      return rows.length === 2;
    });
    const reminders = notifications.get(ReminderService);
    for (const [subjectId, agentUserId] of [
      ['i-mail', ids.withMail],
      ['i-nomail', ids.withoutMail],
    ]) {
      await reminders.upsertDeadline(itemDeadline(subjectId, { subjects: { agentUserId } }));
    }

    const mail = await pollUntil(() => smtp.mails.find((m) => m.to.includes('zhang.san@example.com')));
    expect(subjectOf(mail.raw)).toBe('【即将到期】审批事项「建设工程规划许可 i-mail」');

    const deliveryOf = async (userId: string) => {
      const rows: Array<{ status: string; last_error: string | null; message: { to: string | null } }> =
        await notificationsDb.query(
          `SELECT status, last_error, message FROM deliveries WHERE recipient_key = $1 AND channel = 'email'`,
          [`user.${userId}`],
        );
      return rows.length === 1 && rows[0].status !== 'queued' ? rows[0] : null;
    };
    const sent = await pollUntil(() => deliveryOf(ids.withMail));
    // Sent, yet the address was never written down in notifications.
    expect(sent).toMatchObject({ status: 'sent', message: { to: null } });
    const skipped = await pollUntil(() => deliveryOf(ids.withoutMail));
    expect(skipped).toMatchObject({ status: 'skipped', last_error: 'no address' });
    expect(smtp.mails).toHaveLength(1);

    const inbox = await call<{ items: Array<{ template: string }> }>(gw, 'GET', '/api/v1/me/notifications', {
      token: (await login(gw, 'nomail_agent')).accessToken,
    });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((n) => n.template)).toEqual(['reminder.yellow']);
  });
});
