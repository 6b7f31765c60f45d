import { Agent, request } from 'node:http';
import { percentile, round } from './stats';

/**
 * An open-loop load generator, run as its own process by `pacedLoad` (bench/lib/load.ts): request i is due
 * at start + i / rate whatever happened to the ones before it, on at most `connections` keep-alive
 * connections, and its latency counts from when it was due (a request that waits for a free connection
 * waits on the clock). autocannon's `-R` is not that: each connection sends its share of a second back to
 * back at the start of the second and then pauses, so a fixed rate arrives as one burst per second, and
 * its latency correction assumes a 1 ms interval (the bare route from memory measured p99 50 ms at 500/s
 * that way, and 3 ms at the maximum rate).
 */
interface Options {
  url: string;
  rate: number;
  seconds: number;
  connections: number;
  headers: Record<string, string>;
}

function run(options: Options): Promise<object> {
  const url = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let settled = 0;
  let sent = 0;
  const start = performance.now() + 20;
  return new Promise((resolve) => {
    const done = () => {
      if (++settled < total) return;
      const elapsed = (performance.now() - start) / 1000;
      agent.destroy();
      resolve({
        requests: total,
        reqPerSec: round(latencies.length / Math.max(elapsed, options.seconds)),
        p50: round(percentile(latencies, 50)),
        p99: round(percentile(latencies, 99)),
        non2xx,
        errors,
      });
    };
    const send = (due: number) => {
      const req = request(url, { agent, headers: options.headers }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode && res.statusCode >= 200 && res.statusCode < 300) {
            latencies.push(performance.now() - due);
          } else non2xx += 1;
          done();
        });
      });
      req.on('error', () => {
        errors += 1;
        done();
      });
      req.end();
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) send(start + sent++ * interval);
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    setTimeout(tick, 20);
  });
}

if (require.main === module) {
  run(JSON.parse(process.argv[2]) as Options)
    .then((result) => {
      process.stdout.write(JSON.stringify(result));
      process.exit(0);
    })
    .catch((error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    });
}
