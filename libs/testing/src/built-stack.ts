import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Redis from 'ioredis';
import { connect, type NatsConnection } from 'nats';
import { Client } from 'pg';
// Relative, not @daiban/database: jest loads global setups without its moduleNameMapper.
import { ensureDatabase } from '../../database/src/ensure-database';

/** The repository root, found from here both in the sources (libs/testing/src) and in dist/. */
export const ROOT = (() => {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'daiban'
    )
      return dir;
  }
  throw new Error(`no daiban package.json above ${__dirname}`);
})();
export const APPS = ['gateway', 'registry', 'workflow', 'notifications', 'reporting'] as const;

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * The kernel's ephemeral range: a listen port chosen inside it may be taken by an outgoing connection
 * (an app's own PostgreSQL or NATS socket) between the check and the listen — EADDRINUSE at start.
 */
function ephemeralPortsFrom(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  } catch {
    return 32_768;
  }
}

/** A base with five consecutive free loopback ports, below the ephemeral range. */
export async function freePortBase(): Promise<number> {
  const below = Math.max(ephemeralPortsFrom(), 10_000 + APPS.length);
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 10_000 + Math.floor(Math.random() * (below - 10_000 - APPS.length));
    const checks = await Promise.all(APPS.map((_, i) => portFree(base + i)));
    if (checks.every(Boolean)) return base;
  }
  throw new Error('no five consecutive free ports found');
}

/** Runs a node script to completion with a hard time limit; rejects on a non-zero exit. */
export function runNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`node ${args.join(' ')} exited ${signal ?? code}: ${stderr.slice(-2000)}`));
    });
  });
}

/** The direct children of a process (from /proc). */
export function childPids(pid: number): number[] {
  const pids: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    if (text) pids.push(...text.split(/\s+/).map(Number));
  }
  return pids;
}

/** Drops a database of the server `anyUrl` points at (through its `postgres` database), even if in use. */
export async function dropDatabase(anyUrl: string, database: string): Promise<void> {
  const adminUrl = new URL(anyUrl);
  adminUrl.pathname = '/postgres';
  const pg = new Client({ connectionString: adminUrl.toString() });
  await pg.connect();
  try {
    await pg.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await pg.end();
  }
}

/** Deletes every JetStream stream of a namespace. */
export async function deleteStreams(nc: NatsConnection, namespace: string): Promise<void> {
  const jsm = await nc.jetstreamManager();
  for await (const name of jsm.streams.names()) {
    if (name.startsWith(`${namespace}_`)) await jsm.streams.delete(name);
  }
}

/** Where one stack keeps its state, so that it shares nothing with another run. */
export interface StackNames {
  database: string;
  namespace: string;
  queuePrefix: string;
}

export interface BuiltStack {
  env: NodeJS.ProcessEnv;
  baseUrl: string;
  names: StackNames;
  /** = names.namespace */
  namespace: string;
  /** ms from spawning start.mjs until all five /health/ready answered 200. */
  coldStartMs: number;
  process: ChildProcess;
  /** The five app processes (children of start.mjs). */
  appPids(): number[];
  /** The last lines the apps printed, for a failure message. */
  log(): string;
  stop(): Promise<void>;
}

async function ready(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200;
  } catch {
    return false;
  }
}

/** Names for a stack outside jest's run ids (the benchmarks). */
export function labelledStackNames(label: string): StackNames {
  const namespace = `${label}${randomBytes(3).toString('hex')}`;
  return { database: `daiban_${namespace}`, namespace, queuePrefix: namespace };
}

/**
 * The five built apps started by scripts/start.mjs as their own process group, on a private
 * database, event namespace, BullMQ prefix, data directory and free ports. `stop()` kills the group,
 * drops the database, deletes the namespace's streams and Redis keys.
 */
export async function startBuiltStack(options: {
  names: StackNames;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  /** Another checkout's built tree (its dist/ and scripts/); this repository by default. */
  root?: string;
  /** Servers of the caller's own (e.g. private ones started for it); the machine's shared ones by default. */
  infra?: { postgresUrl: string; natsUrl: string; redisUrl: string };
}): Promise<BuiltStack> {
  const { names, root = ROOT, infra, readyTimeoutMs = 90_000 } = options;
  const admin =
    infra?.postgresUrl ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbUrl = new URL(admin);
  dbUrl.pathname = `/${names.database}`;
  const natsUrl = infra?.natsUrl ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const redisUrl = infra?.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const base = await freePortBase();
  const dataDir = mkdtempSync(join(tmpdir(), `daiban-${names.namespace}-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: dbUrl.toString(),
    NATS_URL: natsUrl,
    REDIS_URL: redisUrl,
    EVENT_NAMESPACE: names.namespace,
    QUEUE_PREFIX: names.queuePrefix,
    DATA_DIR: dataDir,
    DAIBAN_PORT_BASE: String(base),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // start.mjs gives up after its own timeout (60 s by default): the same limit as the wait below.
    DAIBAN_READY_TIMEOUT_MS: String(readyTimeoutMs),
    ...options.env,
  };
  await ensureDatabase(env.DATABASE_URL!);
  let child: ChildProcess | undefined;
  let log = '';
  const cleanup = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase(admin, names.database);
    const nc = await connect({ servers: natsUrl });
    await deleteStreams(nc, names.namespace);
    await nc.close();
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
    for (const pattern of [`gw:${names.namespace}:*`, `${names.queuePrefix}:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
    }
    redis.disconnect();
  };
  const stop = async () => {
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      const timer = setTimeout(() => {
        try {
          process.kill(-child!.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 20_000);
      await exited;
      clearTimeout(timer);
      // start.mjs exits once its children did; make sure no straggler of the group survives
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is empty
      }
    }
    await cleanup();
  };
  try {
    await runNode([join(root, 'dist/scripts/provision.js')], env, 60_000);
    const started = performance.now();
    child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
      cwd: root,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (c: Buffer) => (log = (log + c.toString()).slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const deadline = started + readyTimeoutMs;
    const pending = new Set(APPS.map((_, i) => base + i));
    while (pending.size) {
      if (child.exitCode !== null) throw new Error(`start.mjs exited ${child.exitCode}: ${log.slice(-3000)}`);
      if (performance.now() > deadline) throw new Error(`stack not ready in time: ${log.slice(-3000)}`);
      for (const port of [...pending]) if (await ready(port)) pending.delete(port);
      if (pending.size) await new Promise((r) => setTimeout(r, 50));
    }
    const coldStartMs = performance.now() - started;
    const proc = child;
    return {
      env,
      baseUrl: `http://127.0.0.1:${base}`,
      names,
      namespace: names.namespace,
      coldStartMs,
      process: proc,
      appPids: () => childPids(proc.pid!),
      log: () => log,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
