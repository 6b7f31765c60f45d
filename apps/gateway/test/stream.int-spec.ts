import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { namespacedSubject } from '@daiban/contracts';
import { pollUntil, staysFalse, testInfra } from '@daiban/testing';
import { bootGateway, call, createUser, login, type Gateway } from './gateway-harness';
import { SseClient } from './sse-client';

const PLACE_A = { enterpriseId: 'ent-a', parkId: 'park-a', countyCode: '440803', departmentCodes: ['fgj'] };
const PLACE_B = { enterpriseId: 'ent-b', parkId: 'park-b', countyCode: '440811', departmentCodes: ['zrzy'] };

describe('live updates over SSE', () => {
  let gw: Gateway;
  let nc: NatsConnection;
  let agentA: string;
  let agentAId: string;
  const clients: SseClient[] = [];

  beforeAll(async () => {
    gw = await bootGateway();
    nc = await connect({ servers: testInfra.natsUrl });
    agentAId = await createUser(gw, 'sse_agent_a', 'agent', { kind: 'park', parkId: 'park-a' });
    await createUser(gw, 'sse_leader_b', 'leader', { kind: 'county', countyCode: '440811' });
    await createUser(gw, 'sse_auditor', 'auditor', { kind: 'none' });
    agentA = (await login(gw, 'sse_agent_a')).accessToken;
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await nc?.close();
    await gw?.close();
  });

  const open = async (token: string, extra: Record<string, string> = {}) => {
    const client = await SseClient.open(`${gw.url}/api/v1/stream`, {
      authorization: `Bearer ${token}`,
      ...extra,
    });
    clients.push(client);
    await pollUntil(() => client.events.some((e) => e.event === 'ready'), { message: 'stream ready' });
    return client;
  };

  const publish = async (subject: string, payload: Record<string, unknown>) => {
    const id = randomUUID();
    const envelope = {
      id,
      type: subject.replace(/\.v\d+$/, ''),
      version: 1,
      occurredAt: gw.clock.now().toISOString(),
      aggregateId: `agg-${id.slice(0, 8)}`,
      aggregateVersion: 1,
      actor: { userId: null, role: 'system' },
      correlationId: id,
      causationId: null,
      payload,
    };
    await nc.jetstream().publish(namespacedSubject(gw.names.namespace, subject), JSON.stringify(envelope), {
      msgID: id,
    });
    return envelope;
  };

  it('pushes an event inside the caller’s scope within a second, and nothing outside it', async () => {
    const client = await open(agentA);
    expect(client.status).toBe(200);
    expect(client.contentType).toContain('text/event-stream');
    const outside = await publish('approvals.item.accepted.v1', { itemId: 'i-b', place: PLACE_B });
    const inside = await publish('approvals.item.accepted.v1', { itemId: 'i-a', place: PLACE_A });
    const started = performance.now();
    await pollUntil(() => client.messages().some((m) => m.body.aggregateId === inside.aggregateId), {
      timeoutMs: 1000,
      intervalMs: 5,
      message: 'scoped event within 1 s',
    });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(client.messages().map((m) => m.body.aggregateId)).not.toContain(outside.aggregateId);
    expect(client.messages()[0].body).toMatchObject({ stream: 'APPROVALS', type: 'approvals.item.accepted' });
  });

  it('delivers a notification to its recipient only', async () => {
    const mine = await open(agentA);
    const leader = await open((await login(gw, 'sse_leader_b')).accessToken);
    const note = await publish('notifications.notification.created.v1', {
      notificationId: 'n1',
      recipientUserId: agentAId,
      place: PLACE_B,
    });
    await pollUntil(() => mine.messages().some((m) => m.body.aggregateId === note.aggregateId));
    // The leader's county matches the place, but the notification is someone else's.
    await staysFalse(() => leader.messages().some((m) => m.body.aggregateId === note.aggregateId), 300);
  });

  it('replays what a client missed when it reconnects with Last-Event-ID', async () => {
    const first = await open(agentA);
    const before = await publish('approvals.case.updated.v1', { caseId: 'c1', place: PLACE_A });
    await pollUntil(() => first.messages().some((m) => m.body.aggregateId === before.aggregateId));
    const lastId = first.lastId()!;
    first.close();

    const missed1 = await publish('approvals.case.updated.v1', { caseId: 'c2', place: PLACE_A });
    await publish('approvals.case.updated.v1', { caseId: 'c3', place: PLACE_B });
    const missed2 = await publish('notifications.notification.created.v1', { recipientUserId: agentAId });

    const again = await open(agentA, { 'last-event-id': lastId });
    await pollUntil(() => again.messages().length >= 2, { message: 'replay' });
    const replayed = again.messages().map((m) => m.body.aggregateId);
    expect(replayed).toEqual(expect.arrayContaining([missed1.aggregateId, missed2.aggregateId]));
    expect(replayed).not.toContain(before.aggregateId);
    expect(replayed).toHaveLength(2);
  });

  it('sends the auditor nothing', async () => {
    const auditor = await open((await login(gw, 'sse_auditor')).accessToken);
    const event = await publish('approvals.item.accepted.v1', { itemId: 'i-x', place: PLACE_A });
    const agent = await open(agentA, { 'last-event-id': '0-0' });
    await pollUntil(() => agent.messages().some((m) => m.body.aggregateId === event.aggregateId));
    expect(auditor.messages()).toEqual([]);
  });

  it('accepts a single-use ticket in the query for EventSource', async () => {
    const ticket = await call<{ ticket: string }>(gw, 'POST', '/api/v1/stream/ticket', { token: agentA });
    expect(ticket.status).toBe(201);
    const first = await SseClient.open(`${gw.url}/api/v1/stream?ticket=${ticket.body.ticket}`);
    clients.push(first);
    expect(first.status).toBe(200);
    const second = await SseClient.open(`${gw.url}/api/v1/stream?ticket=${ticket.body.ticket}`);
    expect(second.status).toBe(401);
    // A ticket is no access token, and an access token is not accepted in the URL.
    expect((await call(gw, 'GET', '/api/v1/me', { token: ticket.body.ticket })).status).toBe(401);
    const inUrl = await SseClient.open(`${gw.url}/api/v1/stream?ticket=${agentA}`);
    expect(inUrl.status).toBe(401);
  });
});
