import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as netConnect } from 'node:net';
import { Client } from 'pg';
import { freePort } from './free-port';
import { pollUntil } from './poll-until';

/** A child process the test owns: signals go to its pid only, never to anything found by name. */
abstract class OwnedServer {
  protected process?: ChildProcess;

  get pid(): number | undefined {
    return this.process && this.process.exitCode === null && this.process.signalCode === null
      ? this.process.pid
      : undefined;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.pid) this.process!.kill(signal);
  }

  /** kill -9 and wait for the exit. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGCONT');
    child.kill('SIGKILL');
    await exited;
  }
}

function tcpAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A redis-server of the test's own (private port and folder). `aof` selects the production setting
 * (append-only, fsync always); without it, it behaves like the test machines: a restart loses all.
 */
export class PrivateRedis extends OwnedServer {
  readonly dir = mkdtempSync(join(tmpdir(), 'daiban-redis-'));

  private constructor(
    readonly port: number,
    private aof: boolean,
  ) {
    super();
  }

  static async start(options: { aof?: boolean } = {}): Promise<PrivateRedis> {
    const server = new PrivateRedis(await freePort(), options.aof ?? false);
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(options: { aof?: boolean } = {}): Promise<void> {
    this.aof = options.aof ?? this.aof;
    const persistence = this.aof
      ? ['--appendonly', 'yes', '--appendfsync', 'always', '--save', '']
      : ['--appendonly', 'no', '--save', ''];
    this.process = spawn(
      process.env.REDIS_SERVER_BIN ?? 'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, ...persistence],
      { stdio: 'ignore' },
    );
    await pollUntil(() => tcpAnswers(this.port), {
      timeoutMs: 15_000,
      intervalMs: 50,
      message: `private redis-server on ${this.port}`,
    });
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function postgresBin(tool: string): string {
  if (process.env.PG_BIN_DIR) return join(process.env.PG_BIN_DIR, tool);
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const candidate = join(root, version, 'bin', tool);
    if (existsSync(candidate)) return candidate;
  }
  return tool;
}

/** PostgreSQL refuses to run as root: as root its programs run as the `postgres` user, as our own children. */
function postgresUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString()),
  };
}

/**
 * A PostgreSQL cluster of the test's own (initdb into a temp folder, private port and socket dir).
 * fsync is off (the OS does not crash in these tests) but synchronous_commit stays on: a commit the
 * client saw must survive `pg_ctl stop -m immediate`.
 */
export class PrivatePostgres extends OwnedServer {
  readonly dir = mkdtempSync(join(tmpdir(), 'daiban-pg-'));

  private constructor(
    readonly port: number,
    private readonly settings: Record<string, string>,
  ) {
    super();
  }

  /** `settings` are `-c name=value` options over the defaults below (e.g. a small production-like server). */
  static async start(options: { settings?: Record<string, string> } = {}): Promise<PrivatePostgres> {
    const server = new PrivatePostgres(await freePort(), options.settings ?? {});
    const user = postgresUser();
    if (user.uid !== undefined) chownSync(server.dir, user.uid, user.gid!);
    execFileSync(
      postgresBin('initdb'),
      ['-D', join(server.dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'],
      { stdio: 'ignore', cwd: server.dir, ...user },
    );
    await server.start();
    return server;
  }

  /** The admin URL (database `postgres`). */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  databaseUrl(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** The postmaster runs in the foreground as our child, so its pid is ours to signal. */
  async start(): Promise<void> {
    const settings: Record<string, string> = {
      listen_addresses: '127.0.0.1',
      fsync: 'off',
      full_page_writes: 'off',
      max_connections: '300',
      ...this.settings,
    };
    this.process = spawn(
      postgresBin('postgres'),
      [
        '-D',
        join(this.dir, 'data'),
        '-p',
        String(this.port),
        '-k',
        this.dir,
        ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      ],
      { stdio: 'ignore', cwd: this.dir, ...postgresUser() },
    );
    await pollUntil(
      async () => {
        const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 1000 });
        try {
          await client.connect();
          await client.query('SELECT 1');
          return true;
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      { timeoutMs: 30_000, intervalMs: 100, message: `private PostgreSQL on ${this.port}` },
    );
  }

  /** `pg_ctl stop -m immediate`: every backend quits at once, recovery replays the WAL at start. */
  async stopImmediate(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    execFileSync(postgresBin('pg_ctl'), ['stop', '-D', join(this.dir, 'data'), '-m', 'immediate', '-w'], {
      stdio: 'ignore',
      cwd: this.dir,
      ...postgresUser(),
    });
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
