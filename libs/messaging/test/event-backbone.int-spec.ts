import type { INestApplicationContext } from '@nestjs/common';
import { connect, headers, type NatsConnection } from 'nats';
import { namespacedStream, namespacedSubject } from '@daiban/contracts';
import { Metrics, runWithContext } from '@daiban/observability';
import { PrivateNatsServer, pollUntil, staysFalse, testInfra } from '@daiban/testing';
import { OutboxWriter } from '../src';
import {
  commitWidgetChange,
  dataSourceOf,
  allHandled,
  effectCount,
  provisionTestStream,
  startMessagingApp,
  testNames,
  widgetChanged,
} from './harness';

describe('event backbone: outbox → JetStream → idempotent consumer', () => {
  const names = testNames();
  let producer: INestApplicationContext;
  let consumer: INestApplicationContext;
  let nc: NatsConnection;

  const streamMessages = async () =>
    (await (await nc.jetstreamManager()).streams.info(namespacedStream(names.namespace, 'MSGTEST'))).state
      .messages;

  const published = (id: string) =>
    pollUntil(
      async () =>
        (
          await dataSourceOf(producer).query(
            `SELECT 1 FROM outbox WHERE id = $1 AND published_at IS NOT NULL`,
            [id],
          )
        ).length === 1,
      { message: `${id} published while the consumer is down` },
    );

  beforeAll(async () => {
    await provisionTestStream(names);
    nc = await connect({ servers: testInfra.natsUrl });
    producer = await startMessagingApp({ names, relay: true });
    consumer = await startMessagingApp({ names, consumers: true });
  });

  afterAll(async () => {
    await consumer?.close();
    await producer?.close();
    await nc?.close();
  });

  it('publishes nothing for a rolled-back transaction and exactly once for a committed one', async () => {
    const before = await streamMessages();
    const writer = producer.get(OutboxWriter);
    await expect(
      dataSourceOf(producer).transaction(async (manager) => {
        await writer.append(manager, widgetChanged, {
          aggregateId: 'rolled',
          aggregateVersion: 1,
          payload: { widgetId: 'rolled', value: 1 },
        });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const id = await commitWidgetChange(producer, 'committed', 1);

    await pollUntil(async () => (await effectCount(consumer, id)) === 1, {
      message: 'committed event handled',
    });
    expect(await streamMessages()).toBe(before + 1);
    const rolled = await dataSourceOf(consumer).query(
      `SELECT count(*)::int AS n FROM effects WHERE widget_id = 'rolled'`,
    );
    expect(rolled[0].n).toBe(0);
    const outbox = await dataSourceOf(producer).query(
      `SELECT count(*)::int AS n FROM outbox WHERE id = $1 AND published_at IS NOT NULL`,
      [id],
    );
    expect(outbox[0].n).toBe(1);
  });

  it('records publish latency and no publish errors on the happy path', async () => {
    const metrics = producer.get(Metrics);
    const id = await commitWidgetChange(producer, 'metered', 1);
    await pollUntil(async () => (await effectCount(consumer, id)) === 1);
    const latency = await metrics.outboxPublishLatency.get();
    expect(latency.values.find((v) => v.metricName?.endsWith('_count'))?.value).toBeGreaterThan(0);
    expect((await metrics.outboxPublishErrors.get()).values[0]?.value ?? 0).toBe(0);
    expect((await metrics.outboxPublished.get()).values[0]?.value).toBeGreaterThan(0);
  });

  it('carries the correlation id of the unit of work into the event', async () => {
    const id = await runWithContext({ correlationId: 'corr-backbone-1', userId: 'u7', role: 'agent' }, () =>
      commitWidgetChange(producer, 'correlated', 2),
    );
    const [row] = await dataSourceOf(producer).query(`SELECT envelope FROM outbox WHERE id = $1`, [id]);
    expect(row.envelope).toMatchObject({
      correlationId: 'corr-backbone-1',
      actor: { userId: 'u7', role: 'agent' },
      causationId: null,
    });
    await pollUntil(async () => (await effectCount(consumer, id)) === 1);
  });

  it('does not skip a row whose transaction took an earlier position but committed later', async () => {
    const writer = producer.get(OutboxWriter);
    const early = dataSourceOf(producer).createQueryRunner();
    await early.connect();
    await early.startTransaction();
    const earlyEvent = await writer.append(early.manager, widgetChanged, {
      aggregateId: 'gap-early',
      aggregateVersion: 1,
      payload: { widgetId: 'gap-early', value: 1 },
    });
    const lateId = await commitWidgetChange(producer, 'gap-late', 1);
    await pollUntil(async () => (await effectCount(consumer, lateId)) === 1, {
      message: 'later-started event handled',
    });
    expect(await effectCount(consumer, earlyEvent.id)).toBe(0);

    await early.commitTransaction();
    await early.release();
    await pollUntil(async () => (await effectCount(consumer, earlyEvent.id)) === 1, {
      message: 'late-committed event handled',
    });
  });

  it('has one effect when the same event arrives twice, even under a new Nats-Msg-Id', async () => {
    const id = await commitWidgetChange(producer, 'dup', 7);
    await pollUntil(async () => (await effectCount(consumer, id)) === 1);
    const [row] = await dataSourceOf(producer).query(`SELECT envelope FROM outbox WHERE id = $1`, [id]);
    const js = nc.jetstream();
    const subject = namespacedSubject(names.namespace, widgetChanged.subject);
    // A new Msg-Id defeats JetStream's duplicate window: only the inbox can stop this one.
    await js.publish(subject, JSON.stringify(row.envelope), { msgID: `${id}-again` });
    await js.publish(subject, JSON.stringify(row.envelope), { msgID: `${id}-third`, headers: headers() });
    const marker = await commitWidgetChange(producer, 'dup-marker', 1);
    await pollUntil(async () => (await effectCount(consumer, marker)) === 1, {
      message: 'marker after duplicates',
    });
    expect(await effectCount(consumer, id)).toBe(1);
  });

  it('sends a poison message to dead_letters and keeps the stream flowing', async () => {
    const js = nc.jetstream();
    const subject = namespacedSubject(names.namespace, widgetChanged.subject);
    await js.publish(subject, '{"this is": not json');
    const negative = await commitWidgetChange(producer, 'poison', -1);
    const after = await commitWidgetChange(producer, 'after-poison', 3);

    await pollUntil(async () => (await effectCount(consumer, after)) === 1, {
      message: 'message after poison handled',
    });
    const letters = await pollUntil(async () => {
      const rows = await dataSourceOf(consumer).query(
        `SELECT subject, event_id, error, deliveries FROM dead_letters ORDER BY created_at`,
      );
      return rows.length >= 2 ? rows : null;
    });
    expect(letters.map((l: { error: string }) => l.error).join('\n')).toMatch(/malformed/);
    expect(
      letters.some(
        (l: { event_id: string; error: string }) => l.event_id === negative && /negative/.test(l.error),
      ),
    ).toBe(true);
    expect(await effectCount(consumer, negative)).toBe(0);
    // Terminated for good: nothing left awaiting an ack (no redelivery until max_deliver), one row each.
    const jsm = await nc.jetstreamManager();
    await pollUntil(
      async () =>
        (await jsm.consumers.info(namespacedStream(names.namespace, 'MSGTEST'), 'msgtest-widgets'))
          .num_ack_pending === 0,
      { timeoutMs: 4000, message: 'terminated messages no longer ack-pending' },
    );
    const rows = await dataSourceOf(consumer).query(`SELECT count(*)::int AS n FROM dead_letters`);
    expect(rows[0].n).toBe(2);
  });

  it('handles an event committed while its consumer was stopped once the consumer starts', async () => {
    await consumer.close();
    const id = await commitWidgetChange(producer, 'while-stopped', 5);
    await published(id);
    consumer = await startMessagingApp({ names, consumers: true });
    await pollUntil(async () => (await effectCount(consumer, id)) === 1, {
      message: 'handled after restart',
    });
  });

  it('works off a backlog in batched transactions: in order per aggregate, once each, poison alone', async () => {
    await consumer.close();
    const widgets = ['batch-a', 'batch-b', 'batch-c', 'batch-d', 'batch-e'];
    const ids: string[] = [];
    for (let value = 1; value <= 40; value++) {
      for (const widget of widgets) ids.push(await commitWidgetChange(producer, widget, value));
    }
    const poison = await commitWidgetChange(producer, 'batch-c', -1);
    const js = nc.jetstream();
    const subject = namespacedSubject(names.namespace, widgetChanged.subject);
    const copies = await dataSourceOf(producer).query(`SELECT id, envelope FROM outbox WHERE id = ANY($1)`, [
      ids.slice(0, 20),
    ]);
    for (const row of copies) {
      await js.publish(subject, JSON.stringify(row.envelope), { msgID: `${row.id}-copy` });
    }
    await published(await commitWidgetChange(producer, 'batch-z', 1));

    consumer = await startMessagingApp({ names, consumers: true });
    const db = dataSourceOf(consumer);
    // Aggregates run in separate lanes, so the last event published is not the last one handled.
    await allHandled(consumer, ids);
    const rows: Array<{ widget_id: string; values: number[]; events: number; transactions: number }> =
      await db.query(
        `SELECT widget_id, array_agg(value ORDER BY applied_at) AS values, count(DISTINCT event_id)::int AS events,
                count(DISTINCT xmin::text)::int AS transactions
         FROM effects WHERE widget_id LIKE 'batch-%' AND widget_id <> 'batch-z' GROUP BY widget_id ORDER BY widget_id`,
      );
    const inOrder = Array.from({ length: 40 }, (_, i) => i + 1);
    expect(rows.map((r) => [r.widget_id, r.values, r.events])).toEqual(widgets.map((w) => [w, inOrder, 40]));
    // Rows written by one transaction share its xmin: fewer transactions than events means batches ran.
    const [{ transactions }] = await db.query(
      `SELECT count(DISTINCT xmin::text)::int AS transactions FROM effects WHERE event_id = ANY($1)`,
      [ids],
    );
    expect(transactions).toBeLessThan(ids.length);
    await pollUntil(
      async () => (await db.query(`SELECT 1 FROM dead_letters WHERE event_id = $1`, [poison])).length === 1,
      { message: 'the poison event dead-lettered on its own' },
    );
    expect(await effectCount(consumer, poison)).toBe(0);
  });

  it("takes a consumer's own lanes and batch size: batches of at most that many, in order per aggregate", async () => {
    await consumer.close();
    const widgets = ['own-a', 'own-b', 'own-c'];
    const ids: string[] = [];
    for (let value = 1; value <= 15; value++) {
      for (const widget of widgets) ids.push(await commitWidgetChange(producer, widget, value));
    }
    await published(ids[ids.length - 1]);
    consumer = await startMessagingApp({
      names,
      consumers: true,
      consumer: { concurrency: 1, batchSize: 4 },
    });
    const db = dataSourceOf(consumer);
    await allHandled(consumer, ids);
    const rows: Array<{ widget_id: string; values: number[] }> = await db.query(
      `SELECT widget_id, array_agg(value ORDER BY applied_at) AS values FROM effects
        WHERE event_id = ANY($1) GROUP BY widget_id ORDER BY widget_id`,
      [ids],
    );
    const inOrder = Array.from({ length: 15 }, (_, i) => i + 1);
    expect(rows).toEqual(widgets.map((widget_id) => ({ widget_id, values: inOrder })));
    // One lane takes every aggregate: with the default batch size (64) a transaction could take the backlog.
    const batches: Array<{ n: number }> = await db.query(
      `SELECT count(*)::int AS n FROM effects WHERE event_id = ANY($1) GROUP BY xmin::text`,
      [ids],
    );
    expect(Math.max(...batches.map((b) => b.n))).toBeLessThanOrEqual(4);
    expect(batches.reduce((sum, b) => sum + b.n, 0)).toBe(ids.length);
  });
});

describe('outbox relay across a NATS crash', () => {
  const names = testNames();
  let nats: PrivateNatsServer;
  let producer: INestApplicationContext;
  let consumer: INestApplicationContext;

  beforeAll(async () => {
    nats = await PrivateNatsServer.start();
    await provisionTestStream(names, nats.url);
    producer = await startMessagingApp({ names, natsUrl: nats.url, relay: true });
    consumer = await startMessagingApp({ names, natsUrl: nats.url, consumers: true });
  });

  afterAll(async () => {
    await consumer?.close();
    await producer?.close();
    await nats?.stop();
  });

  it('loses nothing and publishes nothing twice when nats-server is killed and restarted', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await commitWidgetChange(producer, `before-${i}`, i));
    await pollUntil(async () => (await effectCount(consumer)) === 20, { message: 'first 20 handled' });

    await nats.kill();
    for (let i = 0; i < 30; i++) ids.push(await commitWidgetChange(producer, `during-${i}`, i));
    const unpublished = await dataSourceOf(producer).query(
      `SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`,
    );
    expect(unpublished[0].n).toBeGreaterThan(0);

    await nats.start();
    for (let i = 0; i < 10; i++) ids.push(await commitWidgetChange(producer, `after-${i}`, i));

    await pollUntil(async () => (await effectCount(consumer)) === 60, {
      timeoutMs: 45_000,
      message: 'all 60 handled after restart',
    });
    await staysFalse(async () => (await effectCount(consumer)) > 60, 500);
    const perEvent = await dataSourceOf(consumer).query(
      `SELECT event_id, count(*)::int AS n FROM effects GROUP BY event_id HAVING count(*) > 1`,
    );
    expect(perEvent).toEqual([]);
    const handled = await dataSourceOf(consumer).query(`SELECT event_id FROM effects`);
    expect(new Set(handled.map((r: { event_id: string }) => r.event_id))).toEqual(new Set(ids));
  });
});
