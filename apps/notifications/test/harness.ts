import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { connect } from 'nats';
import Redis from 'ioredis';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import {
  CONSUMERS,
  rpcSubject,
  userContacts,
  type Caller,
  type RecipientCard,
  type UserContact,
} from '@daiban/contracts';
import { ManualClock } from '@daiban/calendar';
import { createServiceApp, provisionMessaging } from '@daiban/messaging';
import { databaseUrl, freePort, testInfra, testNames, type TestNames } from '@daiban/testing';
import { notificationsEnv } from '../src/config';
import { NotificationsModule } from '../src/notifications.module';
import { DELIVERIES_QUEUE, REMINDERS_QUEUE } from '../src/queues/queue.constants';
import { RecipientDirectory } from '../src/recipients/recipient-directory.port';
import type { DeadlineInput } from '../src/reminders/deadline.types';

export const PLACE = {
  enterpriseId: 'ent-1',
  parkId: 'park-xs',
  countyCode: '440803',
  departmentCodes: ['zrzy'],
};

export const USERS = {
  agent: card('agent-1', 'agent', { kind: 'park', parkId: PLACE.parkId }, 'agent1@xs.gov.cn'),
  officer: card(
    'officer-1',
    'department_officer',
    { kind: 'department', departmentCode: 'zrzy', countyCode: '440803' },
    'officer1@zrzy.gov.cn',
  ),
  director: card(
    'director-1',
    'center_director',
    { kind: 'park', parkId: PLACE.parkId },
    'director1@xs.gov.cn',
  ),
  lead: card('lead-1', 'leader', { kind: 'county', countyCode: '440803' }, null),
  countyLeader: card(
    'county-leader-1',
    'leader',
    { kind: 'county', countyCode: '440803' },
    'leader1@xs.gov.cn',
  ),
  cityLeader: card('city-leader-1', 'leader', { kind: 'city' }, 'city1@zhanjiang.gov.cn'),
  otherCountyLeader: card('leader-ptq', 'leader', { kind: 'county', countyCode: '440804' }, null),
  admin: card('admin-1', 'admin', { kind: 'city' }, null),
} satisfies Record<string, RecipientCard>;

function card(
  userId: string,
  role: RecipientCard['role'],
  scope: RecipientCard['scope'],
  email: string | null,
) {
  return { userId, role, scope, displayName: userId, email, mobile: null, active: true, version: 1 };
}

export const callerOf = (c: RecipientCard): Caller => ({ userId: c.userId, role: c.role, scope: c.scope });

/** An item accepted Tue 2026-09-29 with 7 working days: due Wed 2026-10-14 (DOMAIN.md worked example). */
export function itemDeadline(subjectId: string, overrides: Partial<DeadlineInput> = {}): DeadlineInput {
  return {
    kind: 'item',
    subjectId,
    title: `建设工程规划许可 ${subjectId}`,
    version: 1,
    timeLimit: { acceptedOn: '2026-09-29', limit: 7 },
    place: PLACE,
    subjects: {
      agentUserId: USERS.agent.userId,
      departmentOfficerUserIds: [USERS.officer.userId],
      taskForceLeadUserId: USERS.lead.userId,
    },
    ...overrides,
  };
}

export interface SmtpMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on a loopback port that keeps what it receives. */
export async function startSmtpSink(): Promise<{ port: number; mails: SmtpMail[]; close(): Promise<void> }> {
  const mails: SmtpMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString(),
        });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface HttpHit {
  url: string;
  body: unknown;
}

/** A real HTTP sink for robot webhooks; `answers` are consumed in order, then 200 `{errcode:0}`. */
export async function startHttpSink() {
  const hits: HttpHit[] = [];
  const answers: number[] = [];
  /** Paths that answer 500 whatever the queue says. */
  const broken = new Set<string>();
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ url: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString() || 'null') });
      const path = (req.url ?? '').split('?')[0];
      const status = broken.has(path) ? 500 : (answers.shift() ?? 200);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(status === 200 ? { errcode: 0, errmsg: 'ok' } : { errcode: -1, errmsg: 'boom' }),
      );
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    answers,
    broken,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Harness {
  names: TestNames;
  app: NestFastifyApplication;
  clock: ManualClock;
  db: DataSource;
  reminders: Queue;
  deliveries: Queue;
  smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  http: Awaited<ReturnType<typeof startHttpSink>>;
  redis: Redis;
  /**
   * What the gateway would answer to `gateway.users.contacts` (these tests run notifications alone;
   * apps/gateway/test/notifications-contacts.int-spec.ts runs it against the real gateway).
   */
  contacts: Map<string, UserContact>;
  close(): Promise<void>;
}

export async function startNotifications(clockStart: string): Promise<Harness> {
  const names = testNames();
  const nc = await connect({ servers: testInfra.natsUrl });
  await provisionMessaging(await nc.jetstreamManager(), {
    namespace: names.namespace,
    consumers: CONSUMERS.filter((c) => c.service === 'notifications'),
  });
  const contacts = new Map<string, UserContact>();
  nc.subscribe(rpcSubject(names.namespace, userContacts.pattern), {
    callback: (_error, msg) => {
      const { data } = msg.json<{ data: { userIds: string[] } }>();
      const found = data.userIds.flatMap((id) => contacts.get(id) ?? []);
      msg.respond(JSON.stringify({ ok: true, data: { contacts: found } }));
    },
  });
  const smtp = await startSmtpSink();
  const http = await startHttpSink();
  const config = notificationsEnv.parse({
    DATABASE_URL: databaseUrl(names.database),
    NATS_URL: testInfra.natsUrl,
    REDIS_URL: testInfra.redisUrl,
    EVENT_NAMESPACE: names.namespace,
    QUEUE_PREFIX: names.queuePrefix,
    LOG_LEVEL: 'silent',
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    DELIVERY_BACKOFF_MS: '50',
    DELIVERY_ATTEMPTS: '4',
    // Sweeps are driven by the tests; the scheduler still exists and is checked.
    REMINDER_SWEEP_EVERY_MS: '3600000',
  });
  const clock = new ManualClock(clockStart);
  const app = await createServiceApp(NotificationsModule.forRoot(config, clock), {
    service: 'notifications',
    logLevel: 'silent',
    namespace: names.namespace,
    rpc: true,
  });
  await app.init();
  await app.startAllMicroservices();
  const directory = app.get(RecipientDirectory);
  for (const user of Object.values(USERS)) await directory.apply(user);
  const redis = new Redis(testInfra.redisUrl, { maxRetriesPerRequest: 2 });
  return {
    names,
    app,
    clock,
    db: app.get<DataSource>(getDataSourceToken()),
    reminders: app.get(REMINDERS_QUEUE),
    deliveries: app.get(DELIVERIES_QUEUE),
    smtp,
    http,
    redis,
    contacts,
    async close() {
      await app.close();
      await nc.close();
      await smtp.close();
      await http.close();
      redis.disconnect();
    },
  };
}

/** Job ids currently in Redis for one deadline (any state a live job can be in). */
export async function jobIdsOf(queue: Queue, deadlineKey: string): Promise<string[]> {
  const jobs = await queue.getJobs(['delayed', 'wait', 'active', 'prioritized']);
  return jobs
    .map((job) => job?.id ?? '')
    .filter((id) => id.startsWith(`reminder.${deadlineKey}.`))
    .sort();
}

/** What a Redis without persistence looks like after a restart — for this test's prefix only. */
export async function deleteQueueKeys(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}
