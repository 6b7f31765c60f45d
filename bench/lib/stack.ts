import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { connect, type NatsConnection } from 'nats';
import { Client } from 'pg';
import { ensureDatabase } from '@daiban/database';

/** The repository root, from dist/bench/lib. */
export const ROOT = join(__dirname, '..', '..', '..');
export const APPS = ['gateway', 'registry', 'workflow', 'notifications', 'reporting'] as const;

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A base with five consecutive free loopback ports. */
export async function freePortBase(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
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

/** VmRSS of a process in bytes (0 when it is gone). */
export function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function childPids(pid: number): number[] {
  const pids: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    if (text) pids.push(...text.split(/\s+/).map(Number));
  }
  return pids;
}

/** Every process whose command name is `name` (from /proc/<pid>/comm). */
export function pidsByName(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Drops a bench database (any connections to it are ended), through the server's `postgres` database. */
export async function dropDatabase(admin: string, dbName: string): Promise<void> {
  const adminUrl = new URL(admin);
  adminUrl.pathname = '/postgres';
  const pg = new Client({ connectionString: adminUrl.toString() });
  await pg.connect();
  await pg.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await pg.end();
}

/** Deletes every JetStream stream of a bench namespace. */
export async function deleteStreams(nc: NatsConnection, namespace: string): Promise<void> {
  const jsm = await nc.jetstreamManager();
  for await (const name of jsm.streams.names()) {
    if (name.startsWith(`${namespace}_`)) await jsm.streams.delete(name);
  }
}

export interface Stack {
  env: NodeJS.ProcessEnv;
  baseUrl: string;
  namespace: string;
  /** ms from spawning start.mjs until all five /health/ready answered 200. */
  coldStartMs: number;
  process: ChildProcess;
  /** The five app processes (children of start.mjs). */
  appPids(): number[];
  stop(): Promise<void>;
}

async function ready(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200;
  } catch {
    return false;
  }
}

/**
 * The five built apps started by scripts/start.mjs as their own process group, on a private
 * database, event namespace, BullMQ prefix, data directory and free ports. `stop()` kills the group,
 * drops the database, deletes the namespace's streams and Redis keys.
 */
export async function startStack(extraEnv: Record<string, string> = {}): Promise<Stack> {
  const suffix = randomBytes(3).toString('hex');
  const namespace = `bench${suffix}`;
  const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `daiban_bench_${suffix}`;
  const dbUrl = new URL(admin);
  dbUrl.pathname = `/${dbName}`;
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const base = await freePortBase();
  const dataDir = mkdtempSync(join(tmpdir(), 'daiban-bench-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: dbUrl.toString(),
    NATS_URL: natsUrl,
    REDIS_URL: redisUrl,
    EVENT_NAMESPACE: namespace,
    QUEUE_PREFIX: namespace,
    DATA_DIR: dataDir,
    DAIBAN_PORT_BASE: String(base),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  await ensureDatabase(env.DATABASE_URL!);
  let child: ChildProcess | undefined;
  const cleanup = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase(admin, dbName);
    const nc = await connect({ servers: natsUrl });
    await deleteStreams(nc, namespace);
    await nc.close();
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
    for (const pattern of [`gw:${namespace}:*`, `${namespace}:*`]) {
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
    await runNode(['dist/scripts/provision.js'], env, 60_000);
    const started = performance.now();
    child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs')], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    const keep = (c: Buffer) => (log = (log + c.toString()).slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const deadline = started + 90_000;
    const pending = new Set(APPS.map((_, i) => base + i));
    while (pending.size) {
      if (child.exitCode !== null) throw new Error(`start.mjs exited ${child.exitCode}: ${log.slice(-3000)}`);
      if (performance.now() > deadline) throw new Error(`stack not ready within 90 s: ${log.slice(-3000)}`);
      for (const port of [...pending]) if (await ready(port)) pending.delete(port);
      if (pending.size) await new Promise((r) => setTimeout(r, 50));
    }
    const coldStartMs = performance.now() - started;
    const proc = child;
    return {
      env,
      baseUrl: `http://127.0.0.1:${base}`,
      namespace,
      coldStartMs,
      process: proc,
      appPids: () => childPids(proc.pid!),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
