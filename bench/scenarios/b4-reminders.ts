import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { connect } from 'nats';
import { Client } from 'pg';
import { itemDeadlineChanged } from '@daiban/contracts';
import { reminderJobId } from '../../apps/notifications/src/queues/queue.constants';
import { cpuMetrics, cpuWindow } from '../lib/cpu';
import { deadlinePayload, itemRef, publishAll } from '../lib/events';
import { startStack } from '../lib/stack';
import { percentile, round, waitFor, type ScenarioResult } from '../lib/stats';

const PLACE = { parkId: 'park-xslg', countyCode: '440803' };

function* deadlineEvents(count: number, tag: string) {
  for (let i = 0; i < count; i++) {
    const ref = itemRef(i, PLACE, tag);
    yield {
      subject: itemDeadlineChanged.subject,
      envelope: {
        id: crypto.randomUUID(),
        type: itemDeadlineChanged.type,
        version: 1,
        occurredAt: '2026-11-27T02:00:00.000Z',
        aggregateId: ref.itemId,
        aggregateVersion: 4,
        actor: { userId: 'bench-agent', role: 'agent' },
        correlationId: crypto.randomUUID(),
        causationId: null,
        payload: deadlinePayload(i, ref),
      },
    };
  }
}

/** Adds a one-off sweep job and answers how long the sweeper ran (BullMQ's processedOn → finishedOn). */
async function sweepOnce(queue: Queue, timeoutMs: number): Promise<number> {
  const job = await queue.add('sweep', {}, { removeOnComplete: false, removeOnFail: false });
  let ms = NaN;
  await waitFor(
    async () => {
      const j = await queue.getJob(job.id!);
      if (j?.finishedOn && j.processedOn) ms = j.finishedOn - j.processedOn;
      if (j?.failedReason) throw new Error(`sweep failed: ${j.failedReason}`);
      return Number.isFinite(ms);
    },
    timeoutMs,
    'sweep finished',
  );
  await job.remove().catch(() => undefined);
  return ms;
}

/** BullMQ alone: `count` delayed jobs added in bulks of 1,000 to a scratch queue. */
async function rawBullRate(redisUrl: string, prefix: string, count: number): Promise<number> {
  const queue = new Queue('raw', { connection: { url: redisUrl }, prefix });
  try {
    const started = performance.now();
    for (let from = 0; from < count; from += 1000) {
      await queue.addBulk(
        Array.from({ length: Math.min(1000, count - from) }, (_, k) => ({
          name: 'rung',
          data: { deadlineKey: `item.raw${from + k}`, rung: 'yellow', version: 1 },
          opts: { jobId: `reminder.item.raw${from + k}.yellow.v1`, delay: 86_400_000 },
        })),
      );
    }
    return round(count / ((performance.now() - started) / 1000));
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

export async function runB4(
  options: { deadlines?: number; dueSameMinute?: number } = {},
): Promise<ScenarioResult> {
  const count = options.deadlines ?? 100_000;
  const due = Math.min(count, options.dueSameMinute ?? 10_000);
  const stack = await startStack();
  const redisUrl = stack.env.REDIS_URL!;
  const prefix = stack.env.QUEUE_PREFIX!;
  const pg = new Client({ connectionString: stack.env.DATABASE_URL });
  const redis = new Redis(redisUrl);
  const queue = new Queue('reminders', { connection: { url: redisUrl }, prefix });
  const nc = await connect({ servers: stack.env.NATS_URL });
  try {
    await pg.connect();
    // A deadline's row and its rungs commit together, so counting deadlines says how many are scheduled;
    // polled every 250 ms (a count of distinct keys over every pending rung every 20 ms kept a PostgreSQL
    // backend busy beside the work being measured). The count (a scan of up to 100,000 rows) waits until
    // the notifications consumer has nothing left unacked: it acks after commit, so until then the count
    // cannot be complete, and counting all along cost PostgreSQL ~0.04 ms per deadline at full size.
    const jsm = await nc.jetstreamManager();
    const unacked = async () => {
      const c = await jsm.consumers.info(`${stack.namespace}_APPROVALS`, 'notifications-approvals');
      return c.num_pending + c.num_ack_pending;
    };
    const pending = async () =>
      (await unacked()) > 0
        ? 0
        : Number((await pg.query(`SELECT count(*)::int AS n FROM notifications.deadlines`)).rows[0].n);
    // 1. Scheduling: deadline events straight into APPROVALS; the notifications consumer upserts each
    //    deadline and adds its rungs' delayed jobs after commit.
    const cpu = cpuWindow(stack);
    const publisherCpu = process.cpuUsage();
    const started = performance.now();
    await publishAll(nc.jetstream(), stack.namespace, deadlineEvents(count, stack.namespace));
    const publishedS = (performance.now() - started) / 1000;
    // The publisher (this process) shares the two cores with the stack: what it costs bounds the rate too.
    const { user, system } = process.cpuUsage(publisherCpu);
    const publisherCpuMsPerEvent = round((user + system) / 1000 / count, 3);
    const delayedKey = `${prefix}:reminders:delayed`;
    let scheduledMs = NaN;
    await waitFor(
      async () => {
        if ((await pending()) < count) return false;
        scheduledMs = performance.now() - started;
        return true;
      },
      15 * 60_000,
      'every deadline scheduled in PostgreSQL',
      250,
    );
    const rungs = Number(
      (await pg.query(`SELECT count(*)::int AS n FROM notifications.reminder_rungs WHERE status = 'pending'`))
        .rows[0].n,
    );
    // One job per deadline: its next rung's (the firing of a rung arms the one after it).
    await waitFor(
      async () => (await redis.zcard(delayedKey)) >= count,
      5 * 60_000,
      'every deadline armed in Redis',
    );
    const armedMs = performance.now() - started;
    // Until every deadline is armed: reporting's consumer of the same events is counted with the rest.
    const schedulingCpu = cpu.stop();
    const schedulingPerSec = round(count / (armedMs / 1000));

    // 2. Redis memory per pending reminder: a sample of job hashes plus the delayed set's share.
    const sample = (
      await pg.query(
        `SELECT DISTINCT ON (deadline_key) deadline_key, rung, version FROM notifications.reminder_rungs
          WHERE status = 'pending' ORDER BY deadline_key, fire_at, rung LIMIT 500`,
      )
    ).rows as Array<{ deadline_key: string; rung: string; version: number }>;
    let hashBytes = 0;
    for (const r of sample) {
      hashBytes += Number(
        (await redis.call(
          'MEMORY',
          'USAGE',
          `${prefix}:reminders:${reminderJobId(r.deadline_key, r.rung, r.version)}`,
        )) ?? 0,
      );
    }
    const zsetBytes = Number((await redis.call('MEMORY', 'USAGE', delayedKey, 'SAMPLES', '0')) ?? 0);
    const jobs = await redis.zcard(delayedKey);
    const bytesPerJob = hashBytes / sample.length + zsetBytes / jobs;
    const bytesPerReminder = round((bytesPerJob * jobs) / count, 0);

    // 3. A sweeper pass over every deadline, all armed.
    const sweepMs = await sweepOnce(queue, 10 * 60_000);

    // The other consumers of the deadline events (reporting's read model) are still working off the burst
    // of `count` events; the minute below falls due on a stack that has caught up, as a county's would,
    // and how long the catch-up took is reported.
    const drainStarted = performance.now();
    await waitFor(
      async () => {
        let backlog = 0;
        for await (const name of jsm.streams.names()) {
          if (!name.startsWith(`${stack.namespace}_`)) continue;
          for await (const c of jsm.consumers.list(name)) backlog += c.num_pending + c.num_ack_pending;
        }
        return backlog === 0;
      },
      10 * 60_000,
      'every consumer caught up with the deadline events',
      500,
    );
    const caughtUpS = round((performance.now() - started) / 1000, 1);
    // The shared server of this machine runs with autovacuum off (a CI setting), so a table filled by the
    // burst has no statistics; on a county's server autoanalyze would have looked at it by now.
    await pg.query(`ANALYZE notifications.deadlines, notifications.reminder_rungs`);
    const drainS = round((performance.now() - drainStarted) / 1000, 1);

    // 4. `due` reminders falling due in the same minute: their yellow rung moved (in PostgreSQL, the truth)
    //    into one minute starting after a second sweep has re-armed them, their old jobs removed.
    const lead = Math.max(30_000, sweepMs * 2 + 15_000);
    const windowStart = Date.now() + lead;
    const keys = (
      await pg.query(
        `SELECT deadline_key FROM notifications.reminder_rungs WHERE status = 'pending' AND rung = 'yellow'
          ORDER BY deadline_key LIMIT $1`,
        [due],
      )
    ).rows.map((r: { deadline_key: string }) => r.deadline_key);
    await pg.query(
      `UPDATE notifications.reminder_rungs r SET fire_at = to_timestamp($2::double precision / 1000)
                + (interval '1 millisecond' * ((hashtext(r.deadline_key) & 65535)::bigint * 60000 / 65536))
        WHERE r.deadline_key = ANY($1) AND r.rung = 'yellow' AND r.status = 'pending'`,
      [keys, windowStart],
    );
    for (let from = 0; from < keys.length; from += 500) {
      await Promise.all(
        keys
          .slice(from, from + 500)
          .map((key) => queue.remove(reminderJobId(key, 'yellow', 1)).catch(() => 0)),
      );
    }
    const rearmMs = await sweepOnce(queue, 10 * 60_000);
    // From here until the last rung fired: the firings, the periodic sweeps and the deliveries they cause.
    const firingCpu = cpuWindow(stack);
    const firedCount = async () =>
      Number(
        (
          await pg.query(
            `SELECT count(*)::int AS n FROM notifications.reminder_rungs WHERE deadline_key = ANY($1) AND rung = 'yellow' AND status = 'fired'`,
            [keys],
          )
        ).rows[0].n,
      );
    await waitFor(
      async () => (await firedCount()) >= keys.length,
      Math.max(0, windowStart + 60_000 - Date.now()) + 120_000,
      'reminders fired',
      // Lateness is read from the rows (fired_at − fire_at), not from this poll.
      500,
    ).catch(() => undefined);
    const firingCpuMs = firingCpu.stop();
    const lateness = (
      await pg.query(
        `SELECT extract(epoch FROM fired_at - fire_at) * 1000 AS ms FROM notifications.reminder_rungs
          WHERE deadline_key = ANY($1) AND rung = 'yellow' AND status = 'fired'`,
        [keys],
      )
    ).rows.map((r: { ms: string }) => Number(r.ms));
    const fired = lateness.length;
    const p99 = round(percentile(lateness, 99));
    const raw = await rawBullRate(redisUrl, `${prefix}raw`, count);
    return {
      id: 'B4',
      title: `reminders: ${count} deadlines scheduled, ${due} falling due in the same minute`,
      metrics: {
        deadlines: count,
        pendingRungs: rungs,
        armedJobs: jobs,
        publishedS: round(publishedS, 1),
        publisherCpuMsPerEvent,
        scheduledInPostgresS: round(scheduledMs / 1000, 1),
        armedInRedisS: round(armedMs / 1000, 1),
        schedulingPerSec,
        ...cpuMetrics(schedulingCpu, count, 'Scheduled', 'schedulingCpuCeilingPerSec'),
        ...cpuMetrics(firingCpuMs, fired, 'Firing', 'firingCpuCeilingPerSec'),
        redisBytesPerPendingReminder: bytesPerReminder,
        redisBytesPerJob: round(bytesPerJob, 0),
        sweepFullPassS: round(sweepMs / 1000, 2),
        allConsumersCaughtUpS: caughtUpS,
        waitedForCatchUpS: drainS,
        sweepRearmS: round(rearmMs / 1000, 2),
        dueInOneMinute: keys.length,
        fired,
        latenessP50ms: round(percentile(lateness, 50)),
        latenessP99ms: p99,
      },
      baseline: {
        title: `BullMQ alone: ${count} delayed jobs added in bulks of 1,000`,
        metrics: { jobsPerSec: raw },
      },
      ratio: { name: 'deadlines scheduled/s vs raw BullMQ adds/s', value: round(schedulingPerSec / raw, 3) },
      targets: [
        { name: 'scheduling ≥ 2,000/s', target: '2000', met: schedulingPerSec >= 2000 },
        { name: 'firing lateness p99 ≤ 2 s', target: '2000', met: fired === keys.length && p99 <= 2000 },
        { name: 'sweeper full pass ≤ 10 s', target: '10', met: sweepMs <= 10_000 },
        { name: 'Redis memory per pending reminder', target: 'reported', met: null },
      ],
      notes: [
        'scheduling = approvals.item.deadlineChanged events published straight to the stream → the notifications consumer (deadline + rungs in PostgreSQL, a batch of events per transaction) → the delayed job of each deadline’s next rung in Redis; the rate is deadlines per second until every deadline is armed',
        "before the firing minute the run analyses the deadlines and rungs tables (what autoanalyze does after such a burst; autovacuum is off on this machine's shared server) and waits until every JetStream consumer of the stack has caught up with the deadline events (reporting reads the same burst); allConsumersCaughtUpS counts from the first publish, waitedForCatchUpS is the wait after the sweep",
        `firing: the yellow rung of ${keys.length} deadlines moved to one minute in PostgreSQL, their jobs removed and re-armed by a sweep (the recovery path); lateness = fired_at − fire_at`,
        'CPU (bench/lib/cpu.ts): per scheduled deadline from the first publish until every deadline is armed (reporting consumes the same events meanwhile and is counted; the publisher, this process, is reported apart); per firing from after the re-arming sweep until the last rung fired (firings, the deliveries they cause, periodic sweeps)',
        'Redis bytes: MEMORY USAGE of 500 job hashes (mean) + the delayed sorted set per entry, × jobs per deadline (one: only the next rung has a job)',
      ],
    };
  } finally {
    await queue.close().catch(() => undefined);
    redis.disconnect();
    await nc.close().catch(() => undefined);
    await pg.end().catch(() => undefined);
    await stack.stop();
  }
}
