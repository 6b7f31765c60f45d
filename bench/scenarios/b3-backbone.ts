import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Controller, Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ClientProxyFactory,
  EventPattern,
  Payload,
  Transport,
  type ClientProxy,
} from '@nestjs/microservices';
import { getDataSourceToken } from '@nestjs/typeorm';
import { connect } from 'nats';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { z } from 'zod';
import {
  defineEvent,
  namespacedStream,
  type ConsumerDefinition,
  type EventEnvelope,
} from '@daiban/contracts';
import { ClockModule } from '@daiban/calendar';
import { DatabaseModule, ensureDatabase } from '@daiban/database';
import { ObservabilityModule } from '@daiban/observability';
import {
  MESSAGING_ENTITIES,
  MessagingModule,
  MessagingTables1764201600000,
  OnEvent,
  OutboxRelay,
  OutboxWriter,
  provisionMessaging,
} from '@daiban/messaging';
import { dropDatabase, ROOT } from '../lib/stack';
import { pool, round, waitFor, type ScenarioResult } from '../lib/stats';

const benchEvent = defineEvent({
  type: 'bench.order.placed',
  version: 1,
  stream: 'BENCH',
  payload: z.object({ orderId: z.string(), n: z.number().int() }),
});
const CONSUMER: ConsumerDefinition = {
  service: 'bench',
  stream: 'BENCH',
  durable: 'bench-orders',
  subjects: [benchEvent.subject],
  // What a killed consumer held is redelivered after the ack wait: 5 s instead of the services' 30 s
  // keeps the kill phase short; the recovery time it measures includes this wait.
  ackWaitMs: 5_000,
};

class BenchTables1764201800000 implements MigrationInterface {
  name = 'BenchTables1764201800000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE orders (id text PRIMARY KEY, n int NOT NULL)`);
    // No unique key on purpose: an effect applied twice must show as two rows, not fail and be retried.
    await q.query(
      `CREATE TABLE effects (event_id text NOT NULL, sent_at timestamptz NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    );
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE effects`);
    await q.query(`DROP TABLE orders`);
  }
}

/** The same effect in both runs: one row per event, so the ratio isolates the reliability machinery. */
@Injectable()
class OrderHandler {
  @OnEvent(benchEvent)
  async placed(event: EventEnvelope, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO effects (event_id, sent_at) VALUES ($1, $2)`, [
      event.id,
      event.occurredAt,
    ]);
  }
}

interface Env {
  databaseUrl: string;
  natsUrl: string;
  namespace: string;
}

async function backboneApp(env: Env, role: 'producer' | 'consumer'): Promise<INestApplicationContext> {
  @Module({
    imports: [
      ObservabilityModule.forRoot({ service: `bench-${role}` }),
      ClockModule.forRoot(),
      DatabaseModule.forRoot({
        url: env.databaseUrl,
        schema: 'bench',
        entities: MESSAGING_ENTITIES,
        migrations: [MessagingTables1764201600000, BenchTables1764201800000],
        poolSize: 20,
      }),
      MessagingModule.forRoot({
        service: 'bench',
        natsUrl: env.natsUrl,
        namespace: env.namespace,
        schema: 'bench',
        relay: role === 'producer',
        consumers: role === 'consumer' ? [CONSUMER] : [],
      }),
    ],
    providers: role === 'consumer' ? [OrderHandler] : [],
  })
  class BenchModule {}
  return NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
}

async function latencies(ds: DataSource): Promise<{ p50: number; p99: number }> {
  const [row] = await ds.query(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
       FROM (SELECT extract(epoch FROM applied_at - sent_at) * 1000 AS ms FROM effects) t`,
  );
  return { p50: round(Number(row.p50)), p99: round(Number(row.p99)) };
}

@Controller()
class CoreHandler {
  constructor(private readonly ds: DataSource) {}

  @EventPattern('bench.core.placed')
  async placed(@Payload() data: { id: string; sentAt: string }): Promise<void> {
    await this.ds.query(`INSERT INTO effects (event_id, sent_at) VALUES ($1, $2)`, [data.id, data.sentAt]);
  }
}

/** Orders `from` … `from + count − 1`, each with its event in the same transaction, `concurrency` writers. */
async function writeOrders(
  ds: DataSource,
  writer: OutboxWriter,
  from: number,
  count: number,
  concurrency: number,
): Promise<void> {
  await pool(
    Array.from({ length: count }, (_, i) => from + i),
    concurrency,
    async (n) => {
      await ds.transaction(async (manager) => {
        const orderId = `o${n}`;
        await manager.query(`INSERT INTO orders (id, n) VALUES ($1, $2)`, [orderId, n]);
        await writer.append(manager, benchEvent, {
          aggregateId: orderId,
          aggregateVersion: 1,
          payload: { orderId, n },
        });
      });
    },
  );
}

async function measureBackbone(env: Env, events: number, concurrency: number) {
  const nc = await connect({ servers: env.natsUrl });
  await provisionMessaging(await nc.jetstreamManager(), {
    namespace: env.namespace,
    streams: [{ name: 'BENCH', subjects: ['bench.>'] }],
    consumers: [CONSUMER],
  });
  const producer = await backboneApp(env, 'producer');
  const consumer = await backboneApp(env, 'consumer');
  const ds = producer.get<DataSource>(getDataSourceToken());
  const writer = producer.get(OutboxWriter);
  const started = performance.now();
  await writeOrders(ds, writer, 0, events, concurrency);
  const committedMs = performance.now() - started;
  const count = async () => Number((await ds.query(`SELECT count(*)::int AS n FROM effects`))[0].n);
  await waitFor(async () => (await count()) >= events, 120_000, 'backbone events handled');
  const elapsedMs = performance.now() - started;
  const lat = await latencies(ds);

  // Drain: a backlog committed while the relay is stopped, then relay + JetStream + inbox alone,
  // so the rate does not depend on how fast the writers commit.
  const relay = producer.get(OutboxRelay);
  await relay.stop();
  await writeOrders(ds, writer, events, events, concurrency);
  const drainStarted = performance.now();
  relay.start();
  await waitFor(async () => (await count()) >= 2 * events, 120_000, 'backlog drained');
  const drainMs = performance.now() - drainStarted;
  const handled = (await count()) - events;
  await consumer.close();
  const killed = await killPhase(env, ds, writer, events, concurrency);
  await producer.close();
  await (await nc.jetstreamManager()).streams.delete(namespacedStream(env.namespace, 'BENCH'));
  await nc.close();
  return {
    drainEventsPerSec: round(events / (drainMs / 1000)),
    eventsPerSec: round(events / (elapsedMs / 1000)),
    commitsPerSec: round(events / (committedMs / 1000)),
    handled,
    ...lat,
    ...killed,
  };
}

/** The consumer as its own process (`node b3-backbone.js consumer`), so that it can be killed for real. */
function consumerProcess(env: Env): ChildProcess {
  const child = spawn(process.execPath, [__filename, 'consumer'], {
    cwd: ROOT,
    env: { ...process.env, BENCH_B3_ENV: JSON.stringify(env) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('error', () => undefined);
  return child;
}

/**
 * `events` more events written by the same writers while the consumer runs in its own process; once a
 * third of them took effect the process is killed with SIGKILL (no shutdown: what it held in flight,
 * unacknowledged or half-committed, is simply gone) and a new one started. Every event must take effect
 * exactly once: `effects` has no unique key, so a second application would be a second row.
 */
async function killPhase(
  env: Env,
  ds: DataSource,
  writer: OutboxWriter,
  events: number,
  concurrency: number,
) {
  const first = 2 * events;
  const total = async () =>
    (
      await ds.query(`SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS distinct FROM effects`)
    )[0] as {
      n: number;
      distinct: number;
    };
  // The earlier phases' effects, one row per event, are counted out.
  const before = await total();
  const phase = async () => {
    const now = await total();
    return { n: now.n - before.n, distinct: now.distinct - before.distinct };
  };
  let child = consumerProcess(env);
  const writing = writeOrders(ds, writer, first, events, concurrency);
  let atKill = 0;
  await waitFor(async () => (atKill = (await phase()).n) >= events / 3, 120_000, 'a third of the kill phase');
  child.kill('SIGKILL');
  const killedAt = performance.now();
  child = consumerProcess(env);
  try {
    await writing;
    let last = { n: 0, distinct: 0 };
    await waitFor(
      async () => (last = await phase()).distinct >= events,
      120_000,
      'every event of the kill phase handled after the restart',
    ).catch(() => undefined);
    return {
      killPhaseEvents: events,
      killedAfterHandled: atKill,
      killPhaseHandled: last.distinct,
      killPhaseLost: events - last.distinct,
      killPhaseDuplicates: last.n - last.distinct,
      recoveredAfterKillS: round((performance.now() - killedAt) / 1000, 1),
    };
  } finally {
    child.kill('SIGKILL');
  }
}

async function measureCoreNats(env: Env, events: number) {
  const consumer = await backboneApp(env, 'producer');
  const ds = consumer.get<DataSource>(getDataSourceToken());
  await ds.query(`TRUNCATE effects`);
  @Module({ controllers: [CoreHandler], providers: [{ provide: DataSource, useValue: ds }] })
  class CoreModule {}
  const server = await NestFactory.createMicroservice(CoreModule, {
    transport: Transport.NATS,
    options: { servers: [env.natsUrl], queue: `${env.namespace}-core` },
    logger: ['error'],
  });
  await server.listen();
  const client: ClientProxy = ClientProxyFactory.create({
    transport: Transport.NATS,
    options: { servers: [env.natsUrl] },
  });
  await client.connect();
  const started = performance.now();
  for (let i = 0; i < events; i++) {
    client.emit('bench.core.placed', { id: `c${i}`, sentAt: new Date().toISOString() });
  }
  // Its own connection: the handlers queue thousands of inserts on the pool, and a count waiting behind
  // them timed out on a loaded machine.
  const observer = new Client({ connectionString: env.databaseUrl, options: '-c search_path=bench' });
  await observer.connect();
  const count = async () =>
    Number((await observer.query(`SELECT count(*)::int AS n FROM effects`)).rows[0].n);
  let last = -1;
  let stableSince = performance.now();
  // At-most-once: messages a slow subscriber drops never come, so stop when the count stops moving.
  await waitFor(
    async () => {
      const n = await count();
      if (n !== last) {
        last = n;
        stableSince = performance.now();
      }
      return n >= events || performance.now() - stableSince > 2000;
    },
    120_000,
    'core NATS events handled',
  );
  const handled = await count();
  const [{ done }] = (
    await observer.query(`SELECT extract(epoch FROM max(applied_at)) * 1000 AS done FROM effects`)
  ).rows;
  await observer.end();
  const elapsedMs = Number(done) - (performance.timeOrigin + started);
  const lat = await latencies(ds);
  await client.close();
  await server.close();
  await consumer.close();
  return { eventsPerSec: round(handled / (elapsedMs / 1000)), handled, lost: events - handled, ...lat };
}

export async function runB3(
  options: { events?: number; concurrency?: number; adminUrl?: string; natsUrl?: string } = {},
): Promise<ScenarioResult> {
  const events = options.events ?? 5000;
  const concurrency = options.concurrency ?? 16;
  const admin = options.adminUrl ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const natsUrl = options.natsUrl ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const suffix = randomBytes(3).toString('hex');
  const dbUrl = new URL(admin);
  dbUrl.pathname = `/daiban_bench_${suffix}`;
  const env: Env = { databaseUrl: dbUrl.toString(), natsUrl, namespace: `bench${suffix}` };
  await ensureDatabase(env.databaseUrl);
  try {
    const backbone = await measureBackbone(env, events, concurrency);
    const core = await measureCoreNats(env, events);
    const ratio = round(backbone.drainEventsPerSec / core.eventsPerSec, 2);
    return {
      id: 'B3',
      title: 'event backbone: outbox → JetStream → consumer with inbox',
      metrics: { events, ...backbone },
      baseline: {
        title: "Nest's core-NATS transport (at-most-once), same handler",
        metrics: { events, ...core },
      },
      ratio: { name: 'drain events/s vs core NATS', value: ratio },
      targets: [
        { name: 'ratio ≥ 0.5×', target: '0.5', met: ratio >= 0.5 },
        { name: 'nothing lost', target: `${events}`, met: backbone.handled === events },
        {
          name: 'consumer killed: nothing lost, nothing applied twice',
          target: `${events}`,
          met: backbone.killPhaseLost === 0 && backbone.killPhaseDuplicates === 0,
        },
      ],
      notes: [
        `drain: ${events} events committed while the relay was stopped, then relay → JetStream → consumer alone`,
        `kill phase: ${events} more events written while the consumer runs in its own process; SIGKILL once a third took effect, a new process started at once; effects has no unique key, so an event applied twice would be two rows; recoveredAfterKillS runs from the kill until the last event took effect (the writers are still writing for part of it; what the killed process held comes back after the bench consumer's 5 s ack wait)`,
      ],
    };
  } finally {
    await dropDatabase(admin, `daiban_bench_${suffix}`);
  }
}

if (require.main === module && process.argv[2] === 'consumer') {
  // The kill phase's consumer process: runs until it is killed.
  backboneApp(JSON.parse(process.env.BENCH_B3_ENV!) as Env, 'consumer').catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else if (require.main === module) {
  runB3({ events: Number(process.argv[2] ?? 5000) })
    .then((r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
