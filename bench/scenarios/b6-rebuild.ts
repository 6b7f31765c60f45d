import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'nats';
import { Client } from 'pg';
import { namespacedStream } from '@daiban/contracts';
import { ensureDatabase } from '@daiban/database';
import { acceptedItemEvents, publishAll, type SyntheticPlace } from '../lib/events';
import { deleteStreams, dropDatabase, runNode } from '../lib/stack';
import { round, type ScenarioResult } from '../lib/stats';

const PLACES: SyntheticPlace[] = [
  { parkId: 'park-xslg', countyCode: '440803' },
  { parkId: 'park-mzjk', countyCode: '440811' },
];

/** user + system CPU ms of a process from /proc/<pid>/stat (`children` adds its reaped children's), null if gone. */
function cpuMsOf(pid: number | 'self', children = false): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0);
    return ticks * 10;
  } catch {
    return null;
  }
}

function pidsWhere(test: (cmd: string) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (test(readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' '))) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * CPU spent while `run` goes: the rebuild process (a reaped child of this one), the PostgreSQL backends of the
 * bench database (sampled, as they exit with the rebuild) and the NATS server (machine-wide: other users count).
 */
async function cpuDuring<T>(database: string, run: () => Promise<T>) {
  const children0 = cpuMsOf('self', true)! - cpuMsOf('self')!;
  const nats = pidsWhere((cmd) => /(^|\/)nats-server( |$)/.test(cmd.split(' ')[0] ?? ''));
  const nats0 = nats.reduce((a, pid) => a + (cpuMsOf(pid) ?? 0), 0);
  const backends = new Map<number, number>();
  const sample = () => {
    for (const pid of pidsWhere((cmd) => cmd.startsWith('postgres: ') && cmd.includes(` ${database} `))) {
      const ms = cpuMsOf(pid);
      if (ms !== null) backends.set(pid, ms);
    }
  };
  const timer = setInterval(sample, 200);
  try {
    const value = await run();
    return {
      value,
      cpu: {
        rebuild: cpuMsOf('self', true)! - cpuMsOf('self')! - children0,
        postgres: [...backends.values()].reduce((a, b) => a + b, 0),
        nats: nats.reduce((a, pid) => a + (cpuMsOf(pid) ?? 0), 0) - nats0,
      },
    };
  } finally {
    clearInterval(timer);
  }
}

/** Raw read rate of the stream: an ordered consumer, no handler, no database. */
async function rawReadRate(natsUrl: string, stream: string, limit: number): Promise<number> {
  const nc = await connect({ servers: natsUrl });
  try {
    const js = nc.jetstream();
    // An ordered consumer from the first message, as the rebuild uses (options given here made it hang).
    const consumer = await js.consumers.get(stream);
    const started = performance.now();
    let n = 0;
    const messages = await consumer.consume({ max_messages: 1000 });
    for await (const m of messages) {
      void m;
      if (++n >= limit) break;
    }
    return round(n / ((performance.now() - started) / 1000));
  } finally {
    await nc.close();
  }
}

export async function runB6(options: { events?: number } = {}): Promise<ScenarioResult> {
  const items = Math.ceil((options.events ?? 2_000_000) / 4);
  const events = items * 4;
  const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const suffix = randomBytes(3).toString('hex');
  const namespace = `bench${suffix}`;
  const dbUrl = new URL(admin);
  dbUrl.pathname = `/daiban_bench_${suffix}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: dbUrl.toString(),
    NATS_URL: natsUrl,
    EVENT_NAMESPACE: namespace,
    LOG_LEVEL: 'warn',
  };
  await ensureDatabase(env.DATABASE_URL!);
  const nc = await connect({ servers: natsUrl });
  try {
    await runNode(['dist/scripts/provision.js'], env, 60_000);
    const generate = function* () {
      for (let i = 0; i < items; i++) yield* acceptedItemEvents(i, PLACES[i % PLACES.length], namespace);
    };
    const pubStarted = performance.now();
    const published = await publishAll(nc.jetstream(), namespace, generate());
    const publishPerSec = round(published / ((performance.now() - pubStarted) / 1000));
    const stream = namespacedStream(namespace, 'APPROVALS');
    const baselineLimit = Math.min(events, 500_000);
    const rawPerSec = await rawReadRate(natsUrl, stream, baselineLimit);

    const started = performance.now();
    const { value: out, cpu } = await cpuDuring(`daiban_bench_${suffix}`, () =>
      runNode(['dist/scripts/reporting-rebuild.js'], env, 20 * 60_000),
    );
    const wallS = (performance.now() - started) / 1000;
    const perThousand = (ms: number) => round((ms * 1000) / events, 1);
    const reported = /rebuild finished in ([\d.]+) s/.exec(out.stdout);
    const rebuildS = reported ? Number(reported[1]) : wallS;
    const pg = new Client({ connectionString: env.DATABASE_URL });
    await pg.connect();
    const [{ n: rows }] = (
      await pg.query(
        `SELECT count(*)::int AS n FROM reporting.items WHERE state = 'accepted' AND deadline_version = 1`,
      )
    ).rows;
    await pg.end();
    const perSec = round(events / rebuildS);
    return {
      id: 'B6',
      title: 'rebuild of reporting from the streams (events written straight to APPROVALS by the generator)',
      metrics: {
        events,
        items,
        publishedPerSec: publishPerSec,
        rebuildS: round(rebuildS, 1),
        rebuildWallS: round(wallS, 1),
        eventsPerSec: perSec,
        itemsRebuilt: rows as number,
        cpuMsPer1000Events_rebuild: perThousand(cpu.rebuild),
        cpuMsPer1000Events_postgres: perThousand(cpu.postgres),
        cpuMsPer1000Events_nats: perThousand(cpu.nats),
      },
      baseline: {
        title: `raw JetStream read of the same stream (ordered consumer, no handler, first ${baselineLimit} messages)`,
        metrics: { messagesPerSec: rawPerSec },
      },
      ratio: { name: 'rebuild events/s vs raw stream read', value: round(perSec / rawPerSec, 3) },
      targets: [
        { name: '≥ 10,000 events/s', target: '10000', met: perSec >= 10_000 },
        { name: 'every item rebuilt', target: String(items), met: rows === items },
      ],
      notes: [
        'per item: prepare, submit, accept (approvals.item.transitioned) and the accepted time limit (approvals.item.deadlineChanged)',
        'rebuildS is what `npm run reporting:rebuild` prints (replay only); rebuildWallS adds process start and migrations',
        'cpuMsPer1000Events: the rebuild process (start and migrations included), its database backends, the NATS server (machine-wide)',
      ],
    };
  } finally {
    await deleteStreams(nc, namespace);
    await nc.close();
    await dropDatabase(admin, `daiban_bench_${suffix}`);
  }
}
