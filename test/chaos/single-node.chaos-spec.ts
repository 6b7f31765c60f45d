import { connect, type NatsConnection } from 'nats';
import Redis from 'ioredis';
import { CONSUMERS, namespacedStream, namespacedSubject } from '@daiban/contracts';
import { pollUntil } from '@daiban/testing';
import { seededRandom } from './lib/workload';
import { APPS } from '@daiban/testing';
import { ChaosContext, scenarioIt } from './lib/scenario';

const SEED = Number(process.env.CHAOS_SEED ?? 20261127);
const HOOK = 'DAIBAN_FAULT_HOOK';
const ms = (since: number) => Math.round(performance.now() - since);

/**
 * Faults on one stack (one nats-server, one Redis, one PostgreSQL, one process per service), in
 * priority order. The invariants are cumulative: each scenario's checker run covers everything the
 * workload did so far.
 */
describe('chaos: single-node stack', () => {
  const ctx = new ChaosContext({ seed: SEED });
  const random = seededRandom(SEED);

  beforeAll(async () => {
    await ctx.start();
  });
  afterAll(async () => {
    await ctx.stop();
  });

  /** Arms a fault hook in one service, waits for it to kill the process under load, restarts clean. */
  const hookScenario = (id: string, app: string, point: string, hypothesis: string) =>
    ctx.underLoad({ id, title: `kill -9 at ${point} (${app})`, hypothesis }, async (recovery, notes) => {
      await ctx.stack.arm(app, { [HOOK]: `${point}@3` });
      await ctx.stack.exited(app, 240_000);
      notes.push(`${app} killed itself at ${point} (exit ${ctx.stack.exitSignal(app)})`);
      const started = performance.now();
      recovery.restartMs = await ctx.stack.restart(app);
      recovery.downMs = ms(started);
    });

  scenarioIt(true)('outbox: kill -9 after commit, before publish → the row is published after restart', () =>
    hookScenario(
      'hook-after-commit-before-publish',
      'workflow',
      'relay.afterCommitBeforePublish',
      'Committed outbox rows stay unpublished in PostgreSQL; the restarted relay publishes them: nothing lost, nothing phantom.',
    ),
  );

  scenarioIt(true)('relay: kill -9 after publish, before marking → re-published, de-duplicated', () =>
    hookScenario(
      'hook-after-publish-before-mark',
      'workflow',
      'relay.afterPublishBeforeMark',
      'The restarted relay publishes the same rows again with the same Nats-Msg-Id; JetStream drops the copies and inboxes would absorb any that slipped through: no duplicate message, no duplicate effect.',
    ),
  );

  scenarioIt(true)(
    'consumer: kill -9 after the side effect, before ack → redelivered, no second effect',
    () =>
      hookScenario(
        'hook-after-effect-before-ack',
        'notifications',
        'consumer.afterEffectBeforeAck',
        'JetStream redelivers the unacknowledged message after ack_wait; the inbox row committed with the effect makes the second delivery a no-op: no duplicate notification.',
      ),
  );

  scenarioIt(false)('random kill -9 of services under load (seeded, 10 faults)', () =>
    ctx.underLoad(
      {
        id: 'random-kill-9',
        title: 'random kill -9 of services under load (10 faults)',
        hypothesis:
          'Any service may die at any instruction; restarted, it resumes from PostgreSQL and JetStream: no event lost or duplicated, every 2xx durable, read models converge.',
      },
      async (recovery, notes) => {
        const restarts: number[] = [];
        const victims: string[] = [];
        for (let fault = 0; fault < 10; fault++) {
          const app = APPS[Math.floor(random() * APPS.length)];
          victims.push(app);
          await ctx.stack.kill(app);
          restarts.push(await ctx.stack.restart(app));
          const mark = ctx.workload.calls.length;
          await pollUntil(() => ctx.workload.calls.length > mark + 3, { timeoutMs: 120_000 });
        }
        notes.push(`victims (seed ${SEED}): ${victims.join(', ')}`);
        recovery.restartMsMax = Math.max(...restarts);
        recovery.restartMsMean = Math.round(restarts.reduce((a, b) => a + b, 0) / restarts.length);
      },
      { before: 1, after: 2 },
    ),
  );

  scenarioIt(true)('nats-server kill -9 and restart under load', () =>
    ctx.underLoad(
      {
        id: 'nats-kill-9',
        title: 'nats-server kill -9 + restart under load',
        hypothesis:
          'While NATS is down requests fail fast and outbox rows wait in PostgreSQL; after the restart (file store kept) clients reconnect, the relay drains the backlog, consumers resume: nothing lost.',
      },
      async (recovery) => {
        const nats = ctx.stack.nats[0];
        await nats.kill();
        const errorsBefore = ctx.workload.calls.filter((c) => c.status >= 500 || c.status === 0).length;
        await pollUntil(
          () => ctx.workload.calls.filter((c) => c.status >= 500 || c.status === 0).length > errorsBefore,
          { timeoutMs: 60_000, message: 'the client notices NATS is down' },
        );
        const started = performance.now();
        await nats.start();
        recovery.natsRestartMs = ms(started);
      },
    ),
  );

  scenarioIt(false)('nats-server frozen (SIGSTOP) for 20 s under load', () =>
    ctx.underLoad(
      {
        id: 'nats-sigstop-20s',
        title: 'nats-server SIGSTOP 20 s under load',
        hypothesis:
          'A frozen server keeps sockets open but answers nothing: publishes and requests time out, nothing is acknowledged falsely; after SIGCONT everything drains.',
      },
      async () => {
        const nats = ctx.stack.nats[0];
        nats.signal('SIGSTOP');
        // The fault itself lasts 20 s: this is its duration, not a wait for a result.
        await new Promise((resolve) => setTimeout(resolve, 20_000));
        nats.signal('SIGCONT');
      },
    ),
  );

  scenarioIt(false)('a service cut off from NATS (SIGSTOP of notifications, 20 s)', () =>
    ctx.underLoad(
      {
        id: 'service-cut-off',
        title: 'notifications cut off (SIGSTOP 20 s) under load',
        hypothesis:
          'Messages for the silent service wait in its durable consumer (ack_wait expiry redelivers in-flight ones); the rest of the system carries on; after SIGCONT it catches up with no duplicate effect.',
      },
      async () => {
        ctx.stack.signal('notifications', 'SIGSTOP');
        await new Promise((resolve) => setTimeout(resolve, 20_000));
        ctx.stack.signal('notifications', 'SIGCONT');
      },
    ),
  );

  scenarioIt(true)('PostgreSQL pg_ctl stop -m immediate + start under load', () =>
    ctx.underLoad(
      {
        id: 'postgres-immediate-stop',
        title: 'PostgreSQL stop -m immediate + start under load',
        hypothesis:
          'In-flight transactions roll back and their requests fail; every 2xx the client got was committed (synchronous_commit on) and is in the database after crash recovery.',
      },
      async (recovery) => {
        await ctx.stack.pg.stopImmediate();
        const started = performance.now();
        await ctx.stack.pg.start();
        recovery.postgresRestartMs = ms(started);
      },
    ),
  );

  /** Redis killed and started again; with `aof` it runs with appendonly first, so the restart reloads it. */
  const redisRestart = async (aof: boolean, recovery: Record<string, number>, notes: string[]) => {
    const redis = ctx.stack.redis;
    if (aof) {
      const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
      await client.config('SET', 'appendfsync', 'always');
      await client.config('SET', 'appendonly', 'yes');
      await pollUntil(async () => /aof_rewrite_in_progress:0/.test(await client.info('persistence')), {
        timeoutMs: 30_000,
      });
      client.disconnect();
    }
    // With nothing armed the restart would prove nothing: the load goes on until some items have reminders.
    const armedBefore = await pollUntil(
      async () => {
        const armed = await ctx.checker.armedFutureRungs();
        return armed >= 10 ? armed : null;
      },
      { timeoutMs: 180_000, intervalMs: 500, message: 'future reminders pending before the restart' },
    );
    await redis.kill();
    await redis.start({ aof });
    const restarted = performance.now();
    const unarmedAfter = await ctx.checker.unarmedReminders(redis.url, ctx.stack.env.QUEUE_PREFIX!);
    notes.push(
      `future reminder jobs before the restart: ${armedBefore}; missing right after it: ${unarmedAfter}`,
    );
    await pollUntil(
      async () => (await ctx.checker.unarmedReminders(redis.url, ctx.stack.env.QUEUE_PREFIX!)) === 0,
      { timeoutMs: 120_000, intervalMs: 250, message: 'every pending reminder has its job again' },
    );
    recovery.rearmMs = ms(restarted);
  };

  scenarioIt(false)('Redis restarted without persistence: the sweeper re-arms reminders', () =>
    ctx.underLoad(
      {
        id: 'redis-restart-no-persistence',
        title: 'Redis kill -9 + restart without persistence',
        hypothesis:
          'Redis loses every delayed job; PostgreSQL holds each reminder, so the sweeper re-arms them all and each fires exactly once.',
      },
      (recovery, notes) => redisRestart(false, recovery, notes),
    ),
  );

  scenarioIt(false)('Redis restarted with AOF: delayed jobs survive', () =>
    ctx.underLoad(
      {
        id: 'redis-restart-aof',
        title: 'Redis kill -9 + restart with AOF (appendfsync always)',
        hypothesis: 'With AOF the delayed jobs survive the restart; nothing fires twice.',
      },
      (recovery, notes) => redisRestart(true, recovery, notes),
    ),
  );

  scenarioIt(false)('BullMQ worker killed mid-job, twice', () =>
    ctx.underLoad(
      {
        id: 'bullmq-worker-killed-twice',
        title: 'notifications killed after a send, before recording it, twice',
        hypothesis:
          'The stalled job is re-run (first stall) or failed for good (second stall, maxStalledCount 1); the sweeper re-queues the delivery from PostgreSQL, so it is still sent; a send whose outcome the crash hid may reach the channel twice (counted as duplicateSends).',
      },
      async (recovery, notes) => {
        for (let kill = 0; kill < 2; kill++) {
          await ctx.stack.arm('notifications', { [HOOK]: 'delivery.afterSendBeforeRecord' });
          await ctx.stack.exited('notifications', 240_000);
          notes.push(`kill ${kill + 1}: exit ${ctx.stack.exitSignal('notifications')}`);
        }
        recovery.restartMs = await ctx.stack.restart('notifications');
      },
    ),
  );

  scenarioIt(true)('injected duplicate and out-of-order deliveries', async () => {
    const started = performance.now();
    const projectsBefore = ctx.workload.projects.length;
    await ctx.workload.run({ count: 2 });
    await ctx.checker.waitQuiet();
    const nc: NatsConnection = await connect({ servers: ctx.stack.env.NATS_URL!.split(',') });
    const notes: string[] = [];
    try {
      const ns = ctx.stack.env.EVENT_NAMESPACE!;
      const jsm = await nc.jetstreamManager();
      const js = nc.jetstream();
      const stream = namespacedStream(ns, 'APPROVALS');
      const last = (await jsm.streams.info(stream)).state.last_seq;
      const copies: Array<{ subject: string; data: Uint8Array; id: string }> = [];
      for (let seq = last; seq > 0 && copies.length < 40; seq--) {
        const msg = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
        if (msg) copies.push({ subject: msg.subject, data: msg.data, id: msg.json<{ id: string }>().id });
      }
      // Out of order: reporting forgets it saw the older half, which then arrives after newer versions.
      const older = copies.slice(copies.length / 2).map((c) => c.id);
      await ctx.stack.db.query(
        `DELETE FROM reporting.processed_events WHERE consumer = 'reporting-approvals' AND event_id = ANY($1::uuid[])`,
        [older],
      );
      // Newest first and without Msg-Id, so JetStream stores every copy: duplicates and reordering at once.
      for (const copy of copies) await js.publish(copy.subject, copy.data);
      ctx.checker.injected += copies.length;
      notes.push(
        `${copies.length} copies re-published newest first; ${older.length} of them forgotten by reporting`,
      );
    } finally {
      await nc.close();
    }
    await ctx.conclude(
      {
        id: 'duplicate-and-out-of-order',
        title: 'injected duplicate and out-of-order deliveries',
        hypothesis:
          'Copies of delivered events are dropped by the inboxes; older versions arriving after newer ones are ignored by the read models (per-aggregate version): no duplicate effect, no regression.',
      },
      started,
      {},
      notes,
      projectsBefore,
    );
  });

  scenarioIt(false)('full reporting rebuild from the streams converges', async () => {
    const started = performance.now();
    const projectsBefore = ctx.workload.projects.length;
    const rebuildStarted = performance.now();
    await ctx.stack.script('reporting-rebuild');
    const rebuildMs = ms(rebuildStarted);
    await ctx.conclude(
      {
        id: 'reporting-rebuild',
        title: 'full reporting rebuild from the streams',
        hypothesis:
          'Emptying the read models and replaying every stream from the first message gives the same read models as the live projections (versions equal to the source tables).',
      },
      started,
      { rebuildMs },
      [],
      projectsBefore,
    );
  });

  scenarioIt(true)('a poison message is dead-lettered and does not block the stream', async () => {
    const started = performance.now();
    const projectsBefore = ctx.workload.projects.length;
    const subject = CONSUMERS.find((c) => c.durable === 'reporting-approvals')!.subjects[0];
    const subscribers = CONSUMERS.filter((c) => c.subjects.includes(subject));
    const deadBefore = (await ctx.checker.figures([], 0)).deadLetters;
    const nc = await connect({ servers: ctx.stack.env.NATS_URL!.split(',') });
    try {
      await nc
        .jetstream()
        .publish(namespacedSubject(ctx.stack.env.EVENT_NAMESPACE!, subject), '{"not":"an event"');
      ctx.checker.injected += 1;
    } finally {
      await nc.close();
    }
    await ctx.workload.run({ count: 2 });
    const result = await ctx.conclude(
      {
        id: 'poison-message',
        title: 'a poison message on a subscribed subject',
        hypothesis:
          'Each subscribed consumer terms the malformed message and records a dead letter; the messages behind it are processed normally.',
      },
      started,
      {},
      [`subject ${subject}, subscribed by ${subscribers.map((c) => c.durable).join(', ')}`],
      projectsBefore,
    );
    expect(result.figures.deadLetters - deadBefore).toBe(subscribers.length);
  });
});
