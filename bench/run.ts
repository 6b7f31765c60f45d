import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { ScenarioResult } from './lib/stats';
import { runB1 } from './scenarios/b1-case-read';
import { runB2 } from './scenarios/b2-transitions';
import { runB3 } from './scenarios/b3-backbone';
import { runB4 } from './scenarios/b4-reminders';
import { runB5 } from './scenarios/b5-reports';
import { runB6 } from './scenarios/b6-rebuild';
import { runB7 } from './scenarios/b7-import';
import { runB8 } from './scenarios/b8-footprint';

/**
 * Sizes. Without BENCH_SCALE the run uses the issue's full sizes where its targets are defined at a size:
 * B4 100,000 deadlines with 10,000 due in one minute, B5 100,000 projects and 2,500,000 items, B7 10,000
 * rows, B2's max rate 1,000 items (3,000 transitions: 10 s at the 300/s of its target, longer below it, so
 * that the rate is sustained rather than a start-up burst). B6 rebuilds 200,000 events (a tenth: publishing
 * the full 2,000,000 alone takes the generator about five minutes, the rate is per event). BENCH_SCALE, when set,
 * multiplies every one of these from the issue's sizes (B2 from 1,000 items): `BENCH_SCALE=0.01` is a quick
 * run of about 5 minutes, `BENCH_SCALE=1` every full size (B6 too).
 */
const SCALE = process.env.BENCH_SCALE === undefined ? undefined : Number(process.env.BENCH_SCALE);
const scaled = (full: number, fallback = 1) => Math.round(full * (SCALE ?? fallback));

/**
 * `npm run bench`: every scenario with its raw baseline measured in the same run, printed as a table
 * and written to bench/results/<date>.json. Not part of `npm test`. A scenario that fails is recorded
 * with its error and the run goes on. B2 runs before B8, which reports each app's RSS under B2's load.
 */
const SCENARIOS: Record<string, () => Promise<ScenarioResult>> = {
  B1: () => runB1({ seconds: Number(process.env.BENCH_B1_SECONDS ?? 10) }),
  B2: () => runB2({ scale: SCALE ?? 1, seconds: Number(process.env.BENCH_B2_SECONDS ?? 10) }),
  B3: () => runB3({ events: Number(process.env.BENCH_B3_EVENTS ?? 5000) }),
  B4: () =>
    runB4({
      deadlines: Number(process.env.BENCH_B4_DEADLINES ?? scaled(100_000)),
      dueSameMinute: Number(process.env.BENCH_B4_DUE ?? scaled(10_000)),
    }),
  B5: () => runB5({ scale: Number(process.env.BENCH_B5_SCALE ?? SCALE ?? 1) }),
  B6: () => runB6({ events: Number(process.env.BENCH_B6_EVENTS ?? scaled(2_000_000, 0.1)) }),
  B7: () => runB7({ rows: Number(process.env.BENCH_B7_ROWS ?? scaled(10_000)) }),
  B8: () => runB8(),
};

function table(results: ScenarioResult[]): string {
  const rows = results.map((r) => {
    const main = Object.entries(r.metrics)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    const base = Object.entries(r.baseline.metrics)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    const targets = r.targets
      .map((t) => `${t.name}: ${t.met === null ? 'n/a' : t.met ? 'met' : 'MISSED'}`)
      .join('; ');
    return `| ${r.id} (${r.seconds ?? '?'} s) | ${r.title} | ${main} | ${r.baseline.title}: ${base} | ${r.ratio.name}: ${r.ratio.value} | ${targets} |`;
  });
  return [
    '| id | scenario | measured | baseline (same run) | ratio | targets |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const results: ScenarioResult[] = [];
  const runStarted = performance.now();
  for (const [id, run] of Object.entries(SCENARIOS)) {
    if (only.length && !only.includes(id)) continue;
    process.stdout.write(`running ${id}…\n`);
    const started = performance.now();
    try {
      const result = await run();
      result.seconds = Math.round((performance.now() - started) / 100) / 10;
      results.push(result);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`${id} failed: ${message}\n`);
      results.push({
        id,
        title: 'FAILED',
        metrics: { error: message.split('\n')[0].slice(0, 300) },
        baseline: { title: '-', metrics: {} },
        ratio: { name: '-', value: NaN },
        targets: [],
        seconds: Math.round((performance.now() - started) / 100) / 10,
      });
    }
    process.stdout.write(`${id} done in ${results[results.length - 1].seconds} s\n`);
  }
  const totalSeconds = Math.round((performance.now() - runStarted) / 100) / 10;
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  const settings = { scale: SCALE ?? 'default (issue sizes; B6 a tenth; B2 96 items)', totalSeconds };
  const stamp = new Date().toISOString();
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  // one file per run: a second run on the same day does not overwrite the first
  const dated = join(dir, `${stamp.slice(0, 10)}.json`);
  const file = existsSync(dated) ? join(dir, `${stamp.slice(0, 19).replace(/:/g, '')}.json`) : dated;
  writeFileSync(file, JSON.stringify({ at: stamp, machine, settings, results }, null, 2));
  process.stdout.write(
    `\n${table(results)}\n\nmachine: ${JSON.stringify(machine)}\nscale ${SCALE}, total ${totalSeconds} s\nwritten: ${file}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
