import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { ensureDatabase } from '@daiban/database';
import { PrivateNatsServer, PrivatePostgres, PrivateRedis, freePort, pollUntil } from '@daiban/testing';
import { APPS, ROOT, runNode } from '@daiban/testing';

export type App = (typeof APPS)[number];

export interface StackOptions {
  /** Replicas of every service (each its own process and HTTP port). */
  replicas?: number;
  /** A 3-node NATS cluster with R3 streams instead of one server. */
  natsCluster?: boolean;
  redisAof?: boolean;
  /** Extra variables for one service's processes (e.g. a fault hook). */
  appEnv?: Partial<Record<App, Record<string, string>>>;
}

interface Instance {
  app: App;
  replica: number;
  port: number;
  child?: ChildProcess;
  log: string;
}

class StartFailed extends Error {}

const clusterArgs = (name: string, port: number, routes: number[]) => [
  '--name',
  name,
  '--cluster_name',
  'chaos',
  '--cluster',
  `nats://127.0.0.1:${port}`,
  '--routes',
  routes.map((p) => `nats://127.0.0.1:${p}`).join(','),
];

/**
 * The five built apps (dist/) as separate child processes on private PostgreSQL, Redis and
 * nats-server(s) this harness started, so a scenario may kill, freeze or restart any of them.
 * Nothing here touches the machine's shared services.
 */
export class ChaosStack {
  private readonly instances: Instance[] = [];
  readonly db: Pool;

  private constructor(
    readonly pg: PrivatePostgres,
    readonly redis: PrivateRedis,
    readonly nats: PrivateNatsServer[],
    readonly env: NodeJS.ProcessEnv,
    private readonly dataDir: string,
  ) {
    this.db = new Pool({ connectionString: env.DATABASE_URL, max: 4 });
    // A restarted PostgreSQL breaks idle pooled connections; the checker's next query retries.
    this.db.on('error', () => undefined);
  }

  static async start(options: StackOptions = {}): Promise<ChaosStack> {
    if (!existsSync(join(ROOT, 'dist/apps/gateway/src/main.js')))
      throw new Error('dist/ is missing: `npm run test:chaos` builds first (npm run build)');
    const [pg, redis, nats] = await Promise.all([
      PrivatePostgres.start(),
      PrivateRedis.start({ aof: options.redisAof }),
      startNats(options.natsCluster ?? false),
    ]);
    const dataDir = mkdtempSync(join(tmpdir(), 'daiban-chaos-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: pg.databaseUrl('daiban'),
      NATS_URL: nats.map((n) => n.url).join(','),
      REDIS_URL: redis.url,
      EVENT_NAMESPACE: 'chaos',
      QUEUE_PREFIX: 'chaos',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'warn',
      STREAM_REPLICAS: String(nats.length),
      API_RATE_LIMIT_PER_MINUTE: '100000000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      // Reminders re-armed from PostgreSQL within seconds of a Redis loss, and no quiet hours.
      REMINDER_SWEEP_EVERY_MS: '2000',
      WORK_START: '00:00',
      WORK_END: '23:59',
      DELIVERY_BACKOFF_MS: '500',
    };
    delete env.DAIBAN_FAULT_HOOK;
    const stack = new ChaosStack(pg, redis, nats, env, dataDir);
    try {
      await ensureDatabase(env.DATABASE_URL!);
      await runNode([join(ROOT, 'dist/scripts/provision.js')], env, 60_000);
      const replicas = options.replicas ?? 1;
      // The gateway first: it migrates the identity schema and creates the admin the seed needs.
      for (const app of APPS) {
        for (let replica = 0; replica < replicas; replica++) {
          stack.instances.push({ app, replica, port: await freePort(), log: '' });
        }
      }
      for (const instance of stack.instances) stack.spawn(instance, options.appEnv?.[instance.app] ?? {});
      await Promise.all(stack.instances.map((i) => stack.waitReady(i)));
      await runNode([join(ROOT, 'dist/scripts/seed-demo.js')], env, 120_000);
    } catch (error) {
      await stack.stop();
      throw error;
    }
    return stack;
  }

  /** `app` or `app#replica`. */
  private find(name: string): Instance {
    const [app, replica] = name.split('#');
    const found = this.instances.find((i) => i.app === app && i.replica === Number(replica ?? 0));
    if (!found) throw new Error(`no instance ${name}`);
    return found;
  }

  names(): string[] {
    return this.instances.map((i) => `${i.app}#${i.replica}`);
  }

  gatewayUrls(): string[] {
    return this.instances.filter((i) => i.app === 'gateway').map((i) => `http://127.0.0.1:${i.port}`);
  }

  private spawn(instance: Instance, extraEnv: Record<string, string>): void {
    const child = spawn(process.execPath, [join(ROOT, 'dist/apps', instance.app, 'src/main.js')], {
      cwd: ROOT,
      env: { ...this.env, ...extraEnv, PORT: String(instance.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (c: Buffer) => (instance.log = (instance.log + c.toString()).slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    instance.child = child;
  }

  private async waitReady(instance: Instance, timeoutMs = 90_000): Promise<void> {
    await pollUntil(
      async () => {
        const child = instance.child;
        if (!child || child.exitCode !== null || child.signalCode !== null)
          throw new StartFailed(`${instance.app} exited (${child?.signalCode ?? child?.exitCode})`);
        const res = await fetch(`http://127.0.0.1:${instance.port}/health/ready`);
        return res.status === 200;
      },
      {
        timeoutMs,
        intervalMs: 100,
        message: `${instance.app}#${instance.replica} ready`,
        stopOn: StartFailed,
      },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${instance.log.slice(-3000)}`);
    });
  }

  alive(name: string): boolean {
    const child = this.find(name).child;
    return !!child && child.exitCode === null && child.signalCode === null;
  }

  /** Resolves once the process is gone, whoever killed it (a fault hook kills its own process). */
  async exited(name: string, timeoutMs = 120_000): Promise<void> {
    const child = this.find(name).child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} still running after ${timeoutMs} ms`)),
        timeoutMs,
      );
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** How the last process of `name` ended (a signal name or exit code). */
  exitSignal(name: string): string {
    const child = this.find(name).child;
    return String(child?.signalCode ?? child?.exitCode ?? 'running');
  }

  /** kill -9 of one service process. */
  async kill(name: string): Promise<void> {
    const child = this.find(name).child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = this.exited(name);
    child.kill('SIGKILL');
    await gone;
  }

  signal(name: string, signal: NodeJS.Signals): void {
    this.find(name).child?.kill(signal);
  }

  /** Starts the process again with `extraEnv` (a fault hook) without waiting: the hook may fire at once. */
  async arm(name: string, extraEnv: Record<string, string>): Promise<void> {
    await this.kill(name);
    this.spawn(this.find(name), extraEnv);
  }

  /** Starts the process again (without any fault hook unless given) and waits until it is ready. */
  async restart(name: string, extraEnv: Record<string, string> = {}): Promise<number> {
    const instance = this.find(name);
    await this.kill(name);
    const started = performance.now();
    this.spawn(instance, extraEnv);
    await this.waitReady(instance);
    return performance.now() - started;
  }

  /** Sum of a Prometheus counter/histogram-count series on one instance's /metrics. */
  async metric(name: string, series: string): Promise<number> {
    const text = await (await fetch(`http://127.0.0.1:${this.find(name).port}/metrics`)).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith(series))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  }

  log(name: string): string {
    return this.find(name).log;
  }

  /** Runs a built script (dist/scripts/<name>.js) against this stack. */
  script(name: string, extraEnv: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
    return runNode([join(ROOT, 'dist/scripts', `${name}.js`)], { ...this.env, ...extraEnv }, 300_000);
  }

  async stop(): Promise<void> {
    for (const instance of this.instances) {
      if (instance.child && instance.child.exitCode === null && instance.child.signalCode === null) {
        instance.child.kill('SIGCONT');
      }
    }
    await Promise.all(this.instances.map((i) => this.kill(`${i.app}#${i.replica}`)));
    await this.db.end().catch(() => undefined);
    await Promise.all([this.pg.stop(), this.redis.stop(), ...this.nats.map((n) => n.stop())]);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

async function startNats(cluster: boolean): Promise<PrivateNatsServer[]> {
  if (!cluster) return [await PrivateNatsServer.start()];
  const clientPorts = [await freePort(), await freePort(), await freePort()];
  const routePorts = [await freePort(), await freePort(), await freePort()];
  const nodes = clientPorts.map((port, i) =>
    PrivateNatsServer.create(
      port,
      clusterArgs(
        `n${i}`,
        routePorts[i],
        routePorts.filter((_, j) => j !== i),
      ),
    ),
  );
  for (const node of nodes) node.spawn();
  await Promise.all(nodes.map((node) => node.ready(60_000)));
  return nodes;
}
