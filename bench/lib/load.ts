import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { round } from './stats';
import { ROOT } from './stack';

export interface LoadResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

const LOOPBACK = /^http:\/\/127\.0\.0\.1:\d+\//;

/** A load generator as its own process; its stdout is parsed once it exits 0; killed if it overruns by 20 s. */
function loadProcess<T>(
  what: string,
  command: string,
  args: string[],
  seconds: number,
  parse: (stdout: string) => T,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 20) * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`${what} exited ${signal ?? code}: ${stderr.slice(-2000)}`));
      try {
        resolve(parse(stdout));
      } catch (error) {
        reject(new Error(`${what} output unreadable: ${String(error)} ${stdout.slice(0, 500)}`));
      }
    });
  });
}

/**
 * autocannon against a loopback URL, bounded by `seconds` (at a fixed rate, at most rate × seconds
 * requests). Its fixed rate arrives in bursts (see bench/lib/paced-load.ts); `pacedLoad` is the fixed rate.
 */
export function autocannon(
  url: string,
  options: { connections: number; seconds: number; rate?: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  if (!LOOPBACK.test(url)) throw new Error(`loopback only: ${url}`);
  const args = ['-j', '-c', String(options.connections)];
  // Bounded by time at a fixed rate too (`-a` would wait for rate × seconds answers from a slow server).
  args.push('-d', String(options.seconds));
  if (options.rate) args.push('-R', String(options.rate));
  for (const [k, v] of Object.entries(options.headers ?? {})) args.push('-H', `${k}=${v}`);
  args.push(url);
  return loadProcess(
    'autocannon',
    join(ROOT, 'node_modules/.bin/autocannon'),
    args,
    options.seconds,
    (stdout) => {
      const r = JSON.parse(stdout) as {
        requests: { average: number; total: number };
        latency: { p50: number; p99: number };
        non2xx: number;
        errors: number;
        '2xx': number;
        duration: number;
      };
      return {
        reqPerSec: round(r['2xx'] / r.duration),
        p50: r.latency.p50,
        p99: r.latency.p99,
        requests: r.requests.total,
        non2xx: r.non2xx,
        errors: r.errors,
      };
    },
  );
}

/** A fixed rate as an open loop (bench/lib/paced-load.ts): `rate × seconds` requests, each due at its instant. */
export function pacedLoad(
  url: string,
  options: { connections: number; seconds: number; rate: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  if (!LOOPBACK.test(url)) throw new Error(`loopback only: ${url}`);
  const args = [join(ROOT, 'dist/bench/lib/paced-load.js'), JSON.stringify({ url, headers: {}, ...options })];
  return loadProcess('paced load', process.execPath, args, options.seconds, (stdout) => {
    return JSON.parse(stdout) as LoadResult;
  });
}
