import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { autocannon, pacedLoad, type LoadResult } from '../lib/load';
import { cpuMetrics, cpuWindow, runQueueMetrics, runQueueWindow } from '../lib/cpu';
import { ROOT, runNode, startStack, type Stack } from '../lib/stack';
import { round, waitFor, type ScenarioResult } from '../lib/stats';

const DEMO_PASSWORD = 'Demo#2026';

async function json<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A bare Fastify route serving `body` from memory, in its own process; resolves with its URL. */
function bareFastify(body: string): Promise<{ url: string; stop: () => void }> {
  const code = `
    const app = require(${JSON.stringify(join(ROOT, 'node_modules/fastify'))})({ logger: false });
    const body = process.env.BENCH_BODY;
    app.get('/api/v1/cases/:id', (req, reply) => { reply.type('application/json; charset=utf-8').send(body); });
    app.listen({ host: '127.0.0.1', port: 0 }).then(() => console.log(app.server.address().port));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', code], {
      cwd: ROOT,
      env: { ...process.env, BENCH_BODY: body },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (c) => reject(new Error(`bare fastify exited ${c}`)));
    child.stdout.once('data', (c: Buffer) =>
      resolve({
        url: `http://127.0.0.1:${c.toString().trim()}`,
        stop: () => child.kill('SIGKILL'),
      }),
    );
  });
}

async function measure(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  rate: number,
  stack?: Stack,
) {
  // warm-up (JIT, pools), then max rate with 50 connections, then a fixed rate: paced (the target's), and
  // autocannon's bursts per second as earlier sessions measured it
  await autocannon(url, { connections: 50, seconds: 3, headers });
  const window = stack && cpuWindow(stack);
  const max = await autocannon(url, { connections: 50, seconds, headers });
  const cpu = window?.stop();
  // At the fixed rate the cores are half idle, so a tail there is waiting: for a core (run queue) or on
  // the stack's own pauses; both windows tell which.
  const pacedCpu = stack && cpuWindow(stack);
  const pacedWait = stack && runQueueWindow(stack);
  const fixed = await pacedLoad(url, { connections: 50, seconds, rate, headers });
  const paced = stack && { cpu: pacedCpu!.stop(), wait: pacedWait!.stop() };
  const bursts = await autocannon(url, { connections: 50, seconds, rate, headers });
  return { max, fixed, bursts, cpu, paced };
}

const clean = (r: LoadResult) => r.non2xx === 0 && r.errors === 0;

export async function runB1(options: { seconds?: number; rate?: number } = {}): Promise<ScenarioResult> {
  const seconds = options.seconds ?? 10;
  const rate = options.rate ?? 500;
  // The per-IP API limit (600/min by default) would answer 429 to a load generator on one address.
  const stack = await startStack({
    API_RATE_LIMIT_PER_MINUTE: '100000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
  });
  try {
    await runNode(['dist/scripts/seed-demo.js'], stack.env, 120_000);
    const login = await json<{ accessToken: string }>(
      await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'demo_agent', password: DEMO_PASSWORD }),
      }),
      'login',
    );
    const headers = { Authorization: `Bearer ${login.accessToken}` };
    const projects = await json<{ items: Array<{ projectId: string; totalInvestment: string }> }>(
      await fetch(`${stack.baseUrl}/api/v1/projects?pageSize=100`, { headers }),
      'projects',
    );
    const big = [...projects.items].sort((a, b) => Number(b.totalInvestment) - Number(a.totalInvestment))[0];
    if (!big) throw new Error('no project visible to demo_agent after seeding');
    let caseId = '';
    let last = '';
    // The workflow opens the case from the registry's event: wait until it shows.
    await waitFor(
      async () => {
        const res = await fetch(`${stack.baseUrl}/api/v1/projects/${big.projectId}/case`, { headers });
        if (res.status !== 200) {
          last = `${res.status} ${await res.text()}`;
          return false;
        }
        caseId = ((await res.json()) as { id: string }).id;
        return true;
      },
      30_000,
      'case of the big project',
    ).catch((error: Error) => {
      throw new Error(`${error.message} (project ${big.projectId}; last answer ${last})`);
    });
    const caseUrl = `${stack.baseUrl}/api/v1/cases/${caseId}`;
    const body = await (await fetch(caseUrl, { headers })).text();
    const gateway = await measure(caseUrl, headers, seconds, rate, stack);

    const bare = await bareFastify(body);
    let baseline: { max: LoadResult; fixed: LoadResult; bursts: LoadResult };
    try {
      baseline = await measure(`${bare.url}/api/v1/cases/${caseId}`, {}, seconds, rate);
    } finally {
      bare.stop();
    }
    const ratio = round(gateway.max.reqPerSec / baseline.max.reqPerSec, 3);
    return {
      id: 'B1',
      title: 'authenticated GET /api/v1/cases/{id} through the gateway (demo_agent, big project)',
      metrics: {
        bodyBytes: Buffer.byteLength(body),
        maxReqPerSec: gateway.max.reqPerSec,
        maxP50ms: gateway.max.p50,
        maxP99ms: gateway.max.p99,
        maxNon2xx: gateway.max.non2xx + gateway.max.errors,
        [`reqPerSecAt${rate}`]: gateway.fixed.reqPerSec,
        [`p50msAt${rate}`]: gateway.fixed.p50,
        [`p99msAt${rate}`]: gateway.fixed.p99,
        [`non2xxAt${rate}`]: gateway.fixed.non2xx + gateway.fixed.errors,
        [`autocannonP99msAt${rate}`]: gateway.bursts.p99,
        ...cpuMetrics(gateway.cpu!, gateway.max.requests, 'Request'),
        ...cpuMetrics(gateway.paced!.cpu, rate * seconds, `RequestAt${rate}`, `cpuCeilingPerSecAt${rate}`),
        ...runQueueMetrics(gateway.paced!.wait, rate * seconds, `RequestAt${rate}`),
      },
      baseline: {
        title: 'bare Fastify route, same JSON from memory, same autocannon settings',
        metrics: {
          maxReqPerSec: baseline.max.reqPerSec,
          maxP99ms: baseline.max.p99,
          [`p99msAt${rate}`]: baseline.fixed.p99,
          [`autocannonP99msAt${rate}`]: baseline.bursts.p99,
        },
      },
      ratio: { name: 'req/s vs bare Fastify', value: ratio },
      targets: [
        {
          name: '≥ 2,000 req/s',
          target: '2000',
          met: gateway.max.reqPerSec >= 2000 && clean(gateway.max),
        },
        {
          name: `p99 ≤ 25 ms at ${rate}/s`,
          target: '25',
          met: gateway.fixed.p99 <= 25 && clean(gateway.fixed),
        },
      ],
      notes: [
        `max rate: autocannon, 50 connections, ${seconds} s, after a 3 s warm-up`,
        `${rate} req/s: an open loop (bench/lib/paced-load.ts, its own process) of ${rate * seconds} requests each due at start + i/${rate} s on up to 50 keep-alive connections, latency from the instant it was due; autocannonP99msAt${rate} is autocannon -R ${rate} as sessions 1–4 measured it, which sends each connection's share of a second in one burst at the start of the second`,
        `cpuMsPerRequestAt${rate}_*: the same over the fixed-rate open loop; runQueueMsPerRequestAt${rate}_*: the time the threads of those processes were runnable but had no core during it (/proc/<pid>/task/<tid>/schedstat), per request`,
        'cpuMsPerRequest_*: user + system CPU of the apps, the PostgreSQL backends of the stack database and the NATS and Redis servers during the max-rate window (/proc/<pid>/stat), divided by the requests answered; cpuCeilingPerSec = cores × 1000 / the total',
        'stack env: API_RATE_LIMIT_PER_MINUTE=100000000 (the per-IP limit would throttle one load generator), LOG_LEVEL=warn, NODE_ENV=development',
      ],
    };
  } finally {
    await stack.stop();
  }
}
