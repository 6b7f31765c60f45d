import { spawn } from 'node:child_process';
import { PrivateNatsServer, PrivatePostgres, PrivateRedis } from '@daiban/testing';
import { seedDemo } from '../lib/fixture';
import { addMemory, appName, memoryOf, NO_MEMORY, processTree, startStack, type Memory } from '../lib/stack';
import { round, type ScenarioResult } from '../lib/stats';
import { rssUnderB2Load } from './b2-transitions';

const MiB = 2 ** 20;
const mib = (bytes: number) => round(bytes / MiB);
const sumMemory = (pids: number[]) => pids.map(memoryOf).reduce(addMemory, NO_MEMORY);

/**
 * A county's small server: one PostgreSQL for the five services. Each app's pool holds at most
 * DATABASE_POOL_SIZE (default 10) connections and each of the four apps with an outbox relay keeps
 * one more for LISTEN: 54, plus the superuser reserve (3) and room for a migration or a script.
 * shared_buffers 64 MB (half the default) is plenty for a county's data at idle; durability settings
 * stay at their defaults (fsync, full_page_writes, synchronous_commit on), as in production.
 */
export const SMALL_POSTGRES: Record<string, string> = {
  max_connections: '64',
  shared_buffers: '64MB',
  fsync: 'on',
  full_page_writes: 'on',
};

/** Memory of a bare `node -e "setInterval(()=>{},1e3)"` once it has settled. */
async function bareNode(settleMs: number): Promise<Memory> {
  const child = spawn(process.execPath, ['-e', 'setInterval(()=>{},1e3)'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, settleMs));
    return memoryOf(child.pid!);
  } finally {
    child.kill('SIGKILL');
  }
}

interface Footprint {
  apps: Record<string, Memory>;
  postgres: Memory;
  postgresProcesses: number;
  redis: Memory;
  nats: Memory;
}

export async function runB8(options: { idleMs?: number } = {}): Promise<ScenarioResult> {
  const idleMs = options.idleMs ?? 10_000;
  const infraStarted = performance.now();
  // Started one by one so that a failure leaves only the ones started to stop.
  const servers: Array<{ stop(): Promise<void> }> = [];
  let coldStartMs: number;
  let infraStartMs: number;
  let footprint: Footprint;
  try {
    const pg = await PrivatePostgres.start({ settings: SMALL_POSTGRES });
    servers.push(pg);
    // Production's setting (ARCHITECTURE.md): append-only file, so delayed reminders survive a restart.
    const redis = await PrivateRedis.start({ aof: true });
    servers.push(redis);
    const nats = await PrivateNatsServer.start();
    servers.push(nats);
    infraStartMs = performance.now() - infraStarted;

    const stack = await startStack({}, { postgresUrl: pg.url, natsUrl: nats.url, redisUrl: redis.url });
    coldStartMs = stack.coldStartMs;
    try {
      await seedDemo(stack);
      await new Promise((r) => setTimeout(r, idleMs));
      const pids = stack.appPids();
      if (pids.length !== 5)
        throw new Error(`expected 5 app processes under start.mjs, found ${pids.length}`);
      const postgresPids = processTree(pg.pid!);
      footprint = {
        apps: Object.fromEntries(pids.map((pid, i) => [appName(pid, `app${i}`), memoryOf(pid)])),
        postgres: sumMemory(postgresPids),
        postgresProcesses: postgresPids.length,
        redis: memoryOf(redis.pid!),
        nats: memoryOf(nats.pid!),
      };
    } finally {
      await stack.stop();
    }
  } finally {
    for (const server of servers.reverse()) await server.stop();
  }

  const appsTotal = Object.values(footprint.apps).reduce(addMemory, NO_MEMORY);
  const total = [footprint.postgres, footprint.redis, footprint.nats].reduce(addMemory, appsTotal);
  const bare = await bareNode(2000);
  const ratio = round(appsTotal.pss / (5 * bare.pss), 2);
  return {
    id: 'B8',
    title: 'footprint: idle memory (PSS) of the whole private stack, cold start to ready',
    metrics: {
      coldStartS: round(coldStartMs / 1000, 2),
      infraStartS: round(infraStartMs / 1000, 2),
      totalPssMiB: mib(total.pss),
      totalRssMiB: mib(total.rss),
      totalUssMiB: mib(total.uss),
      appsPssMiB: mib(appsTotal.pss),
      appsRssMiB: mib(appsTotal.rss),
      ...Object.fromEntries(
        Object.entries(footprint.apps).flatMap(([app, m]) => [
          [`${app}PssMiB`, mib(m.pss)],
          [`${app}RssMiB`, mib(m.rss)],
        ]),
      ),
      postgresPssMiB: mib(footprint.postgres.pss),
      postgresRssMiB: mib(footprint.postgres.rss),
      postgresProcesses: footprint.postgresProcesses,
      redisPssMiB: mib(footprint.redis.pss),
      redisRssMiB: mib(footprint.redis.rss),
      natsPssMiB: mib(footprint.nats.pss),
      natsRssMiB: mib(footprint.nats.rss),
      // Peak RSS per app while B2's transitions ran (empty when B2 did not run before B8 in this process).
      ...Object.fromEntries(Object.entries(rssUnderB2Load).map(([app, v]) => [`${app}UnderB2LoadMiB`, v])),
    },
    baseline: {
      title: 'bare node setInterval process ×5',
      metrics: { bareNodePssMiB: mib(bare.pss), bareNodeRssMiB: mib(bare.rss), x5PssMiB: mib(5 * bare.pss) },
    },
    ratio: { name: 'apps PSS vs 5 bare node', value: ratio },
    targets: [
      { name: 'idle memory (PSS) ≤ 1 GB', target: '1024 MiB', met: total.pss <= 2 ** 30 },
      { name: 'cold start ≤ 15 s', target: '15', met: coldStartMs <= 15_000 },
    ],
    notes: [
      'private servers started for this run: PostgreSQL (initdb in a temp folder; ' +
        Object.entries(SMALL_POSTGRES)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ') +
        '), redis-server with AOF, nats-server with JetStream on a temp store; provisioned, migrated (at app start) and seeded with seed-demo',
      `idle = ${idleMs / 1000} s after seed-demo finished; memory from /proc/<pid>/smaps_rollup`,
      'the totals use PSS: PostgreSQL is one postmaster plus a backend per connection, all mapping the same shared buffers, and the five node processes map the same node binary, so RSS counts those pages once per process; PSS divides each shared page among the processes mapping it. RSS (upper bound) and USS (private pages only, lower bound) are reported too. Pages shared with processes outside the stack (the node and postgres binaries of other processes on the machine) are divided with them as well, so PSS reads slightly low on a busy machine',
      'cold start = spawn of scripts/start.mjs until all five /health/ready answer 200, on a fresh database (includes migrations), JetStream provisioned beforehand; infraStartS = initdb and start of the three servers, not part of cold start',
    ],
  };
}
