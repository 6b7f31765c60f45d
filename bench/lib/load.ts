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

/**
 * autocannon as its own process against a loopback URL, bounded by `seconds` (at a fixed rate, at
 * most rate × seconds requests); killed if it overruns by 20 s.
 */
export function autocannon(
  url: string,
  options: { connections: number; seconds: number; rate?: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new Error(`loopback only: ${url}`);
  const args = ['-j', '-c', String(options.connections)];
  // Bounded by time at a fixed rate too (`-a` would wait for rate × seconds answers from a slow server).
  args.push('-d', String(options.seconds));
  if (options.rate) args.push('-R', String(options.rate));
  for (const [k, v] of Object.entries(options.headers ?? {})) args.push('-H', `${k}=${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/autocannon'), args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), (options.seconds + 20) * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`autocannon exited ${signal ?? code}: ${stderr.slice(-2000)}`));
      try {
        const r = JSON.parse(stdout) as {
          requests: { average: number; total: number };
          latency: { p50: number; p99: number };
          non2xx: number;
          errors: number;
          '2xx': number;
          duration: number;
        };
        resolve({
          reqPerSec: round(r['2xx'] / r.duration),
          p50: r.latency.p50,
          p99: r.latency.p99,
          requests: r.requests.total,
          non2xx: r.non2xx,
          errors: r.errors,
        });
      } catch (error) {
        reject(new Error(`autocannon output unreadable: ${String(error)} ${stdout.slice(0, 500)}`));
      }
    });
  });
}
