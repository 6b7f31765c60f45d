import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { connect, type NatsConnection } from 'nats';
import type { DataSource } from 'typeorm';
import { ManualClock } from '@daiban/calendar';
import {
  CONSUMERS,
  namespacedStream,
  namespacedSubject,
  projectRegistered,
  workflowCaseAssignAgent,
  workflowCaseGetByProject,
  workflowCaseSignAgreement,
  workflowItemAct,
  type Caller,
  type ItemActionRequest,
  type Role,
  type Scope,
} from '@daiban/contracts';
import { RpcClient, createServiceApp, provisionMessaging } from '@daiban/messaging';
import { databaseUrl, pollUntil, testInfra, testNames } from '@daiban/testing';
import { notificationsEnv } from '../../notifications/src/config';
import { NotificationsModule } from '../../notifications/src/notifications.module';
import { workflowEnv } from '../../workflow/src/config';
import { WorkflowModule } from '../../workflow/src/workflow.module';
import { projectSnapshot } from '../../workflow/test/workflow-harness';
import { ADMIN_PASSWORD, USER_PASSWORD, bootGateway, call, login, type Gateway } from './gateway-harness';

/** Long after the item's due date (2026-02-26): every rung of its ladder lies in the past. */
const NOW = '2026-03-20T02:00:00Z';
const PARK = 'park-wire';
const COUNTY = '440811';

async function bootService(
  module: Parameters<typeof createServiceApp>[0],
  service: string,
  namespace: string,
): Promise<NestFastifyApplication> {
  const app = await createServiceApp(module, { service, logLevel: 'silent', namespace, rpc: true });
  await app.init();
  await app.startAllMicroservices();
  return app;
}

describe('workflow and gateway users → notifications, end to end', () => {
  const names = testNames();
  let nc: NatsConnection;
  let gw: Gateway;
  let workflow: NestFastifyApplication;
  let notifications: NestFastifyApplication;
  let notificationsDb: DataSource;
  let workflowDb: DataSource;
  /** Starts on the submission day, so the item is submitted on time and only its acceptance is late. */
  const workflowClock = new ManualClock('2026-02-10T03:00:00Z');
  let adminToken: string;
  const users: Record<'agent' | 'director' | 'leader' | 'enterprise', { id: string; token: string }> =
    {} as never;

  const project = projectSnapshot({ parkId: PARK, countyCode: COUNTY, enterpriseId: 'ent-wire' });

  async function createUser(username: string, role: Role, scope: Scope) {
    const res = await call<{ id: string }>(gw, 'POST', '/api/v1/users', {
      token: adminToken,
      body: { username, displayName: `测试${username}`, role, scope, password: USER_PASSWORD },
    });
    expect(res.status).toBe(201);
    return { id: res.body.id, token: (await login(gw, username)).accessToken };
  }

  const asCaller = (key: keyof typeof users, role: Role, scope: Scope): Caller => ({
    userId: users[key].id,
    role,
    scope,
  });

  const inboxOf = async (token: string) => {
    const res = await call<{ items: Array<{ template: string; title: string }>; unread: number }>(
      gw,
      'GET',
      '/api/v1/me/notifications?limit=100',
      { token },
    );
    expect(res.status).toBe(200);
    return res.body;
  };

  /** Every message of the approvals stream delivered to notifications and acknowledged. */
  async function approvalsDrained(): Promise<boolean> {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.consumers.info(
      namespacedStream(names.namespace, 'APPROVALS'),
      'notifications-approvals',
    );
    return info.num_pending === 0 && info.num_ack_pending === 0;
  }

  beforeAll(async () => {
    nc = await connect({ servers: testInfra.natsUrl });
    await provisionMessaging(await nc.jetstreamManager(), {
      namespace: names.namespace,
      consumers: CONSUMERS,
    });
    const shared = {
      DATABASE_URL: databaseUrl(names.database),
      NATS_URL: testInfra.natsUrl,
      EVENT_NAMESPACE: names.namespace,
      LOG_LEVEL: 'silent',
    };
    gw = await bootGateway({ ...shared, QUEUE_PREFIX: names.queuePrefix });
    workflow = await bootService(
      WorkflowModule.forRoot(workflowEnv.parse(shared), workflowClock),
      'workflow',
      names.namespace,
    );
    notifications = await bootService(
      NotificationsModule.forRoot(
        notificationsEnv.parse({
          ...shared,
          REDIS_URL: testInfra.redisUrl,
          QUEUE_PREFIX: names.queuePrefix,
          REMINDER_SWEEP_EVERY_MS: '3600000',
        }),
        new ManualClock(NOW),
      ),
      'notifications',
      names.namespace,
    );
    notificationsDb = notifications.get<DataSource>(getDataSourceToken());
    workflowDb = workflow.get<DataSource>(getDataSourceToken());
    adminToken = (await login(gw, 'admin', ADMIN_PASSWORD)).accessToken;
  });

  afterAll(async () => {
    await notifications?.close();
    await workflow?.close();
    await gw?.close();
    await nc?.close();
  });

  it('turns users created over HTTP into recipients', async () => {
    users.agent = await createUser('wire_agent', 'agent', { kind: 'park', parkId: PARK });
    users.director = await createUser('wire_director', 'center_director', { kind: 'park', parkId: PARK });
    users.leader = await createUser('wire_leader', 'leader', { kind: 'county', countyCode: COUNTY });
    users.enterprise = await createUser('wire_enterprise', 'enterprise', {
      kind: 'enterprise',
      enterpriseId: project.enterpriseId,
    });
    const ids = Object.values(users).map((u) => u.id);
    const rows = await pollUntil(async () => {
      const found: Array<{ user_id: string; role: string; email: string | null; mobile: string | null }> =
        await notificationsDb.query(
          `SELECT user_id, role, email, mobile FROM recipients WHERE user_id = ANY($1::text[])`,
          [ids],
        );
      return found.length === ids.length ? found : null;
    });
    // Contact addresses stay in the gateway (个人信息保护法): the directory holds ids, roles and names.
    expect(rows.every((r) => r.email === null && r.mobile === null)).toBe(true);

    const renamed = await call(gw, 'PATCH', `/api/v1/users/${users.leader.id}`, {
      token: adminToken,
      body: { displayName: '麻章区分管领导' },
    });
    expect(renamed.status).toBe(200);
    await pollUntil(async () => {
      const [row] = await notificationsDb.query(
        `SELECT display_name, version FROM recipients WHERE user_id = $1`,
        [users.leader.id],
      );
      return row?.display_name === '麻章区分管领导' && row.version === 2;
    });
  });

  it('notifies agent, director and county leader once each for a backdated overdue item, issues a 督办单, and ignores a duplicate', async () => {
    const js = nc.jetstream();
    const eventId = randomUUID();
    await js.publish(
      namespacedSubject(names.namespace, projectRegistered.subject),
      JSON.stringify({
        id: eventId,
        type: projectRegistered.type,
        version: projectRegistered.version,
        occurredAt: NOW,
        aggregateId: project.projectId,
        aggregateVersion: 1,
        actor: { userId: null, role: 'system' },
        correlationId: `test-${eventId}`,
        causationId: null,
        payload: { project },
      }),
      { msgID: eventId },
    );
    const rpc = workflow.get(RpcClient);
    const director = asCaller('director', 'center_director', { kind: 'park', parkId: PARK });
    const agent = asCaller('agent', 'agent', { kind: 'park', parkId: PARK });
    const enterprise = asCaller('enterprise', 'enterprise', {
      kind: 'enterprise',
      enterpriseId: project.enterpriseId,
    });
    const opened = await pollUntil(() =>
      rpc
        .call(workflowCaseGetByProject, { projectId: project.projectId }, { caller: director })
        .catch(() => null),
    );
    await rpc.call(
      workflowCaseSignAgreement,
      {
        caseId: opened.id,
        signedOn: '2026-02-09',
        coverage: 'items',
        itemCodes: ['utility_connections'],
        serviceLevel: 'agency',
      },
      { caller: enterprise },
    );
    const kase = await rpc.call(
      workflowCaseAssignAgent,
      { caseId: opened.id, agentUserId: users.agent.id },
      { caller: director },
    );
    const itemId = kase.items.find((i) => i.catalogCode === 'utility_connections')!.id;
    const act = (request: ItemActionRequest) => rpc.call(workflowItemAct, request, { caller: agent });
    await act({ action: 'prepare', itemId, at: '2026-02-10T01:00:00Z' });
    await act({ action: 'submit', itemId, at: '2026-02-10T02:00:00Z' });
    workflowClock.set(NOW);
    const accepted = await act({ action: 'accept', itemId, at: '2026-02-12T02:00:00Z' });
    expect(accepted).toMatchObject({ dueDate: '2026-02-26', light: 'red' });

    const reminderTemplates = async (token: string) =>
      (await inboxOf(token)).items.map((n) => n.template).filter((t) => t.startsWith('reminder.'));
    await pollUntil(async () => (await reminderTemplates(users.leader.token)).length > 0);
    await pollUntil(async () => (await reminderTemplates(users.director.token)).length > 0);
    await pollUntil(async () => (await reminderTemplates(users.agent.token)).length > 0);
    expect(await reminderTemplates(users.agent.token)).toEqual(['reminder.yellow']);
    expect(await reminderTemplates(users.director.token)).toEqual(['reminder.red']);
    expect(await reminderTemplates(users.leader.token)).toEqual(['reminder.escalate_3wd']);

    const orders = await call<{ total: number; items: Array<{ subject: { id: string } }> }>(
      gw,
      'GET',
      '/api/v1/supervision-orders',
      { token: users.director.token },
    );
    expect(orders.status).toBe(200);
    expect(orders.body.total).toBe(1);
    expect(orders.body.items[0].subject.id).toBe(itemId);

    const reminders = await call<{ rungs: Array<{ rung: string; status: string }> }>(
      gw,
      'GET',
      `/api/v1/items/${itemId}/reminders`,
      { token: users.agent.token },
    );
    expect(reminders.status).toBe(200);
    expect(reminders.body.rungs.filter((r) => r.status === 'fired').map((r) => r.rung)).toEqual(
      expect.arrayContaining(['yellow', 'red', 'escalate_3wd', 'escalate_10wd']),
    );

    // The enterprise heard of the case and the acceptance, with the agent named.
    const enterpriseInbox = await pollUntil(async () => {
      const inbox = await inboxOf(users.enterprise.token);
      return inbox.items.some((n) => n.template === 'item.accepted') ? inbox : null;
    });
    expect(enterpriseInbox.items.map((n) => n.template).sort()).toEqual([
      'case.agentAssigned',
      'case.opened',
      'item.accepted',
    ]);

    const snapshot = async () => {
      const [counts] = await notificationsDb.query(
        `SELECT (SELECT count(*)::int FROM notifications) AS notifications,
                (SELECT count(*)::int FROM supervision_orders) AS orders,
                (SELECT count(*)::int FROM reminder_rungs) AS rungs,
                (SELECT count(*)::int FROM deliveries) AS deliveries`,
      );
      return counts;
    };
    // A rung's messages and 督办单 commit with its pending → fired step: none due and pending = all done.
    const settled = async () => {
      const [{ n }] = await notificationsDb.query(
        `SELECT count(*)::int AS n FROM reminder_rungs WHERE status = 'pending' AND fire_at <= $1`,
        [NOW],
      );
      return n === 0 && (await approvalsDrained());
    };
    await pollUntil(settled);
    const before = await snapshot();

    const [row] = await workflowDb.query(
      `SELECT envelope FROM outbox WHERE subject = 'approvals.item.deadlineChanged.v1'
        AND envelope->>'aggregateId' = $1 ORDER BY (envelope->>'aggregateVersion')::int DESC LIMIT 1`,
      [itemId],
    );
    await js.publish(
      namespacedSubject(names.namespace, 'approvals.item.deadlineChanged.v1'),
      JSON.stringify(row.envelope),
      { msgID: `redelivery-${randomUUID()}` },
    );
    await pollUntil(settled);
    expect(await snapshot()).toEqual(before);
    expect(await reminderTemplates(users.leader.token)).toEqual(['reminder.escalate_3wd']);
  });
});
