import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { connect } from 'nats';
import { provisionMessaging } from '@daiban/messaging';
import { CONSUMERS } from '@daiban/contracts';
import { databaseUrl, freePort, pollUntil, testInfra, testNames } from '@daiban/testing';

const root = join(__dirname, '..', '..');
interface ReadyBody {
  service: string;
  checks: Record<string, { status: string }>;
}

const APPS = ['gateway', 'registry', 'workflow', 'notifications', 'reporting'];

/** Five consecutive free ports, so the stack can run beside a developer's own `npm start`. */
async function freePortBase(): Promise<number> {
  for (;;) {
    const base = await freePort();
    if (base > 65000) continue;
    const probes = await Promise.all(
      [1, 2, 3, 4].map(async (i) =>
        fetch(`http://127.0.0.1:${base + i}/`).then(
          () => false,
          () => true,
        ),
      ),
    );
    if (probes.every(Boolean)) return base;
  }
}

describe('npm start: the five apps from dist/', () => {
  const names = testNames();
  let stack: ChildProcess;
  let base: number;
  let output = '';

  beforeAll(async () => {
    const nc = await connect({ servers: testInfra.natsUrl });
    await provisionMessaging(await nc.jetstreamManager(), {
      namespace: names.namespace,
      consumers: CONSUMERS,
    });
    await nc.close();
    base = await freePortBase();
    stack = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
      env: {
        ...process.env,
        DAIBAN_PORT_BASE: String(base),
        DATABASE_URL: databaseUrl(names.database),
        EVENT_NAMESPACE: names.namespace,
        // BullMQ keys under the run's prefix, so the global teardown removes them from the shared Redis.
        QUEUE_PREFIX: names.queuePrefix,
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stack.stdout!.on('data', (chunk) => (output += chunk));
    stack.stderr!.on('data', (chunk) => (output += chunk));
  });

  afterAll(async () => {
    if (stack && stack.exitCode === null) {
      stack.kill('SIGKILL');
    }
  });

  it('answers ready on every app within 60 s, gateway first among equals', async () => {
    await pollUntil(() => output.includes('Daiban 已启动'), {
      timeoutMs: 60_000,
      intervalMs: 200,
      message: `stack ready; output:\n${output}`,
    });
    for (const [i, app] of APPS.entries()) {
      const res = await fetch(`http://127.0.0.1:${base + i}/health/ready`);
      const body = (await res.json()) as ReadyBody;
      expect(res.status).toBe(200);
      expect(body.service).toBe(app);
      expect(body.checks.postgres.status).toBe('up');
      expect(body.checks.nats.status).toBe('up');
    }
    const gateway = (await (await fetch(`http://127.0.0.1:${base}/health/ready`)).json()) as ReadyBody;
    expect(gateway.checks.redis.status).toBe('up');
    const live = await fetch(`http://127.0.0.1:${base}/health/live`);
    expect(live.status).toBe(200);
    // The project-level testTimeout is a global-only Jest option, so the 60 s budget is given here.
  }, 90_000);

  it('reaches every service over request-reply through the gateway and exposes metrics', async () => {
    const res = await fetch(`http://127.0.0.1:${base}/api/v1/system/services`, {
      headers: { 'x-correlation-id': 'e2e-correlation-1' },
    });
    expect(res.headers.get('x-correlation-id')).toBe('e2e-correlation-1');
    const body = (await res.json()) as { services: Array<{ status: string }> };
    expect(body.services.map((s: { status: string }) => s.status)).toEqual(['up', 'up', 'up', 'up']);
    const metrics = await (await fetch(`http://127.0.0.1:${base + 1}/metrics`)).text();
    expect(metrics).toMatch(/daiban_outbox_backlog/);
    expect(metrics).toMatch(/daiban_rpc_duration_seconds_count\{[^}]*pattern="registry.system.ping"/);
  });

  it('stops every app gracefully on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => stack.once('exit', (code) => resolve(code)));
    stack.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const [i] of APPS.entries()) {
      await expect(fetch(`http://127.0.0.1:${base + i}/health/live`)).rejects.toThrow();
    }
  });
});

describe('configuration is validated before Nest starts', () => {
  it.each(APPS)('%s exits naming each malformed variable, without echoing secrets', (app) => {
    const result = spawnSync(process.execPath, [join(root, 'dist/apps', app, 'src/main.js')], {
      env: { ...process.env, DATABASE_URL: 'mysql://user:secret@db/x', PORT: 'http', NATS_URL: '' },
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(result.stderr).toMatch(/PORT: expected a TCP port number/);
    expect(result.stderr).not.toMatch(/secret/);
    expect(result.stderr).not.toMatch(/Nest/);
  });
});
