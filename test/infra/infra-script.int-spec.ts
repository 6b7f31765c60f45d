import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { connect } from 'nats';
import { Client } from 'pg';
import { pollUntil } from '@daiban/testing';

// scripts/infra.mjs against private ports and a throw-away data folder. It must never stop, restart
// or otherwise disturb the machine's shared services on 5432/6379/4222, nor a server it did not start.

jest.setTimeout(120_000);

const execFileAsync = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts', 'infra.mjs');
const SERVICES = ['postgres', 'redis', 'nats'] as const;
type Service = (typeof SERVICES)[number];

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function infra(args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [SCRIPT, ...args], {
      env,
      cwd: ROOT,
      timeout: 100_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === 'number' ? e.code : -1,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? String(error),
    };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

function commandLine(pid: number): string {
  return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Who is serving the shared default ports right now: a server restarted by mistake changes its identity. */
async function sharedIdentity(): Promise<Record<Service, string>> {
  const postgres = async () => {
    const client = new Client({
      connectionString: 'postgres://postgres@127.0.0.1:5432/postgres',
      connectionTimeoutMillis: 3000,
    });
    try {
      await client.connect();
      const { rows } = await client.query<{ started: string }>(
        'SELECT pg_postmaster_start_time()::text AS started',
      );
      return `up since ${rows[0].started}`;
    } catch {
      return 'not answering';
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  const redis = async () => {
    const client = new Redis('redis://127.0.0.1:6379', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      await client.connect();
      const info = await client.info('server');
      return `run_id ${/run_id:(\w+)/.exec(info)?.[1]}`;
    } catch {
      return 'not answering';
    } finally {
      client.disconnect();
    }
  };
  const nats = async () => {
    try {
      const nc = await connect({ servers: '127.0.0.1:4222', timeout: 3000, reconnect: false });
      const id = nc.info?.server_id;
      await nc.close();
      return `server_id ${id}`;
    } catch {
      return 'not answering';
    }
  };
  const [p, r, n] = await Promise.all([postgres(), redis(), nats()]);
  return { postgres: p, redis: r, nats: n };
}

describe('scripts/infra.mjs', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let ports: Record<Service, number>;
  let sharedBefore: Record<Service, string>;
  const pids = {} as Record<Service, number>;

  const pidFile = (service: Service) => path.join(dataDir, 'pids', `${service}.pid`);
  const readPid = (service: Service) => Number.parseInt(fs.readFileSync(pidFile(service), 'utf8'), 10);

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daiban-infra-'));
    fs.chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as `postgres`, which must reach its folder
    ports = { postgres: await freePort(), redis: await freePort(), nats: await freePort() };
    env = { ...process.env };
    delete env.DAIBAN_DATA_DIR;
    delete env.DAIBAN_INFRA_NO_LOCAL;
    Object.assign(env, {
      DATABASE_URL: `postgres://postgres@127.0.0.1:${ports.postgres}/daiban_infra_test`,
      REDIS_URL: `redis://127.0.0.1:${ports.redis}`,
      NATS_URL: `nats://127.0.0.1:${ports.nats}`,
      DAIBAN_INFRA_TIMEOUT_MS: '60000',
    });
    sharedBefore = await sharedIdentity();
  });

  afterAll(async () => {
    if (!dataDir) return;
    // Whatever happened above, stop what the script started (it only ever stops its own pid files).
    await infra(['down', '--data-dir', dataDir], env);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('up starts PostgreSQL, Redis and NATS on the private ports, and each answers', async () => {
    const result = await infra(['up', '--data-dir', dataDir], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const service of SERVICES) {
      expect(result.stdout).toMatch(
        new RegExp(`^${service}\\s+started .* at 127\\.0\\.0\\.1:${ports[service]} \\(pid \\d+`, 'm'),
      );
      pids[service] = readPid(service);
      expect(isAlive(pids[service])).toBe(true);
    }
    expect(commandLine(pids.postgres)).toContain(path.join(dataDir, 'postgres', 'pgdata'));
    expect(commandLine(pids.redis)).toContain(`redis-server 127.0.0.1:${ports.redis}`);
    expect(commandLine(pids.nats)).toContain(path.join(dataDir, 'nats'));

    const pg = new Client({ connectionString: env.DATABASE_URL });
    await pg.connect();
    try {
      const { rows } = await pg.query<{ db: string; port: number; listen: string }>(
        `SELECT current_database() AS db, inet_server_port() AS port, current_setting('listen_addresses') AS listen`,
      );
      expect(rows[0]).toEqual({ db: 'daiban_infra_test', port: ports.postgres, listen: '127.0.0.1' });
    } finally {
      await pg.end();
    }

    const redis = new Redis(env.REDIS_URL!, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    try {
      expect(await redis.ping()).toBe('PONG');
      expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await redis.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    } finally {
      redis.disconnect();
    }

    const nc = await connect({ servers: env.NATS_URL, reconnect: false });
    try {
      const jsm = await nc.jetstreamManager();
      const account = await jsm.getAccountInfo(); // throws when JetStream is off
      expect(account.streams).toBe(0);
    } finally {
      await nc.close();
    }
  });

  it('a second up changes nothing', async () => {
    const result = await infra(['up', '--data-dir', dataDir], env);
    expect(result.code).toBe(0);
    for (const service of SERVICES) {
      expect(result.stdout).toMatch(
        new RegExp(
          `^${service}\\s+already running at 127\\.0\\.0\\.1:${ports[service]} \\(started earlier by infra\\.mjs, pid ${pids[service]}\\)`,
          'm',
        ),
      );
      expect(readPid(service)).toBe(pids[service]);
      expect(isAlive(pids[service])).toBe(true);
    }
    expect(result.stdout).not.toMatch(/started (PostgreSQL|redis-server|nats-server)/);
  });

  it('status reports all three answering, through DAIBAN_DATA_DIR', async () => {
    const result = await infra(['status'], { ...env, DAIBAN_DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    for (const service of SERVICES) {
      expect(result.stdout).toMatch(
        new RegExp(
          `^${service}\\s+127\\.0\\.0\\.1:${ports[service]} answers; started by infra\\.mjs \\(pid ${pids[service]}\\)`,
          'm',
        ),
      );
    }
  });

  it('down stops exactly the servers it started and removes their pid files', async () => {
    const result = await infra(['down'], { ...env, DAIBAN_DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    for (const service of SERVICES) {
      expect(result.stdout).toMatch(new RegExp(`^${service}\\s+stopped \\(pid ${pids[service]}\\)`, 'm'));
      expect(fs.existsSync(pidFile(service))).toBe(false);
      expect(fs.existsSync(path.join(dataDir, 'pids', `${service}.json`))).toBe(false);
      await pollUntil(() => !isAlive(pids[service]), {
        timeoutMs: 30_000,
        message: `${service} pid ${pids[service]} gone`,
      });
      await pollUntil(async () => !(await portAnswers(ports[service])), {
        timeoutMs: 30_000,
        message: `port ${ports[service]} closed`,
      });
    }
    const status = await infra(['status', '--data-dir', dataDir], env);
    expect(status.code).toBe(1);
    expect(status.stdout.match(/does not answer/g)).toHaveLength(3);

    const again = await infra(['down', '--data-dir', dataDir], env);
    expect(again.code).toBe(0);
    expect(again.stdout.match(/not started by infra\.mjs; left alone/g)).toHaveLength(3);
  });

  it('uses, and leaves alone, a server that it did not start', async () => {
    const port = await freePort();
    const foreignDir = fs.mkdtempSync(path.join(dataDir, 'foreign-redis-'));
    const foreignPidFile = path.join(foreignDir, 'redis.pid');
    const started = spawnSync(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--dir',
        foreignDir,
        '--daemonize',
        'yes',
        '--pidfile',
        foreignPidFile,
      ],
      { encoding: 'utf8' },
    );
    expect(started.status).toBe(0);
    const foreignPid = await pollUntil(
      () =>
        fs.existsSync(foreignPidFile) ? Number.parseInt(fs.readFileSync(foreignPidFile, 'utf8'), 10) : 0,
      { timeoutMs: 10_000, message: 'foreign redis pid file' },
    );
    try {
      const foreignEnv = { ...env, REDIS_URL: `redis://127.0.0.1:${port}` };
      await pollUntil(
        async () => (await infra(['status', 'redis', '--data-dir', dataDir], foreignEnv)).code === 0,
        {
          timeoutMs: 10_000,
          intervalMs: 100,
          message: 'foreign redis answers',
        },
      );
      const up = await infra(['up', 'redis', '--data-dir', dataDir], foreignEnv);
      expect(up.code).toBe(0);
      expect(up.stdout).toMatch(
        new RegExp(`^redis\\s+found running at 127\\.0\\.0\\.1:${port}; using it`, 'm'),
      );
      expect(fs.existsSync(pidFile('redis'))).toBe(false);

      const down = await infra(['down', 'redis', '--data-dir', dataDir], foreignEnv);
      expect(down.code).toBe(0);
      expect(down.stdout).toMatch(/^redis\s+not started by infra\.mjs; left alone/m);
      expect(isAlive(foreignPid)).toBe(true);
      expect((await infra(['status', 'redis', '--data-dir', dataDir], foreignEnv)).code).toBe(0);
    } finally {
      if (isAlive(foreignPid)) process.kill(foreignPid, 'SIGTERM'); // the test started this one, so it stops it
      await pollUntil(() => !isAlive(foreignPid), { timeoutMs: 30_000, message: 'foreign redis stopped' });
    }
  });

  it('never touched the shared services on the default ports', async () => {
    expect(await sharedIdentity()).toEqual(sharedBefore);
  });
});
