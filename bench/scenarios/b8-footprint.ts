import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pidsByName, rssBytes, startStack } from '../lib/stack';
import { round, type ScenarioResult } from '../lib/stats';
import { rssUnderB2Load } from './b2-transitions';

const MiB = 2 ** 20;
const sumRss = (pids: number[]) => pids.reduce((sum, pid) => sum + rssBytes(pid), 0);
const mib = (bytes: number) => round(bytes / MiB);

/** RSS of a bare `node -e "setInterval(()=>{},1e3)"` once it has settled. */
async function bareNodeRss(settleMs: number): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(()=>{},1e3)'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, settleMs));
    return rssBytes(child.pid!);
  } finally {
    child.kill('SIGKILL');
  }
}

export async function runB8(options: { idleMs?: number } = {}): Promise<ScenarioResult> {
  const idleMs = options.idleMs ?? 10_000;
  const stack = await startStack();
  let apps: number[];
  let perApp: Record<string, number>;
  try {
    await new Promise((r) => setTimeout(r, idleMs));
    const pids = stack.appPids();
    if (pids.length !== 5) throw new Error(`expected 5 app processes under start.mjs, found ${pids.length}`);
    apps = pids.map(rssBytes);
    perApp = Object.fromEntries(
      pids.map((pid, i) => {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        const app = /dist\/apps\/([a-z]+)\//.exec(cmd)?.[1] ?? `app${i}`;
        return [`${app}MiB`, mib(apps[i])];
      }),
    );
  } finally {
    await stack.stop();
  }
  const postgres = sumRss(pidsByName('postgres'));
  const redis = sumRss(pidsByName('redis-server'));
  const nats = sumRss(pidsByName('nats-server'));
  const appsTotal = apps.reduce((a, b) => a + b, 0);
  const total = appsTotal + postgres + redis + nats;
  const bare = await bareNodeRss(2000);
  const ratio = round(appsTotal / (5 * bare), 2);
  return {
    id: 'B8',
    title: 'footprint: idle RSS of the whole stack, cold start to ready',
    metrics: {
      coldStartS: round(stack.coldStartMs / 1000, 2),
      appsMiB: mib(appsTotal),
      ...perApp,
      postgresMiB: mib(postgres),
      redisMiB: mib(redis),
      natsMiB: mib(nats),
      totalMiB: mib(total),
      // Peak per app while B2's transitions ran (empty when B2 did not run before B8 in this process).
      ...Object.fromEntries(Object.entries(rssUnderB2Load).map(([app, v]) => [`${app}UnderB2LoadMiB`, v])),
    },
    baseline: {
      title: 'bare node setInterval process ×5',
      metrics: { bareNodeMiB: mib(bare), x5MiB: mib(5 * bare) },
    },
    ratio: { name: 'apps RSS vs 5 bare node', value: ratio },
    targets: [
      { name: 'idle RSS ≤ 1 GB', target: '1024 MiB', met: total <= 2 ** 30 },
      { name: 'cold start ≤ 15 s', target: '15', met: stack.coldStartMs <= 15_000 },
    ],
    notes: [
      `idle = ${idleMs / 1000} s after all five /health/ready answered 200; RSS from /proc/<pid>/status VmRSS`,
      'cold start = spawn of scripts/start.mjs until all five /health/ready 200, on a fresh database (includes migrations), JetStream provisioned beforehand',
      'PostgreSQL, Redis and NATS are the machine-wide servers (by process name), shared with anything else on them; the PostgreSQL sum counts shared buffers once per backend',
    ],
  };
}
