import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { freePort } from './free-port';
import { pollUntil } from './poll-until';

/**
 * A nats-server of the test's own, on a private port and store folder, so the test may kill and
 * restart it; the machine's shared server is never touched.
 */
export class PrivateNatsServer {
  private process?: ChildProcess;
  readonly storeDir = mkdtempSync(join(tmpdir(), 'daiban-nats-'));

  private constructor(
    readonly port: number,
    private readonly args: readonly string[],
  ) {}

  /** `args` are extra command-line options, e.g. the cluster routes of one node of a cluster. */
  static async start(options: { port?: number; args?: string[] } = {}): Promise<PrivateNatsServer> {
    const server = PrivateNatsServer.create(options.port ?? (await freePort()), options.args);
    await server.start();
    return server;
  }

  /** Not started yet: the nodes of a cluster must all be running before any answers JetStream. */
  static create(port: number, args: readonly string[] = []): PrivateNatsServer {
    return new PrivateNatsServer(port, args);
  }

  get pid(): number | undefined {
    return this.process?.exitCode === null ? this.process.pid : undefined;
  }

  /** SIGSTOP / SIGCONT and friends: a frozen server keeps its sockets open but answers nothing. */
  signal(signal: NodeJS.Signals): void {
    this.process?.kill(signal);
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.spawn();
    await this.ready();
  }

  spawn(): void {
    const binary = process.env.NATS_SERVER_BIN ?? 'nats-server';
    this.process = spawn(
      binary,
      ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir, ...this.args],
      { stdio: 'ignore' },
    );
  }

  /** Answers once JetStream does (in a cluster: once a meta leader is elected). */
  async ready(timeoutMs = 15_000): Promise<void> {
    await pollUntil(
      async () => {
        const nc = await connect({ servers: this.url, timeout: 500, reconnect: false });
        try {
          await (await nc.jetstreamManager()).getAccountInfo();
          return true;
        } finally {
          await nc.close();
        }
      },
      { timeoutMs, intervalMs: 100, message: `private nats-server on ${this.port}` },
    );
  }

  /** kill -9: no goodbye to clients, as in a crash. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}
