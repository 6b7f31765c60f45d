import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { ScenarioResult } from './lib/stats';
import { runB1 } from './scenarios/b1-case-read';
import { runB3 } from './scenarios/b3-backbone';
import { runB8 } from './scenarios/b8-footprint';

/**
 * `npm run bench`: every scenario with its raw baseline measured in the same run, printed as a table
 * and written to bench/results/<date>.json. Not part of `npm test`.
 */
const SCENARIOS: Record<string, () => Promise<ScenarioResult>> = {
  B1: () => runB1({ seconds: Number(process.env.BENCH_B1_SECONDS ?? 10) }),
  B3: () => runB3({ events: Number(process.env.BENCH_B3_EVENTS ?? 5000) }),
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
    return `| ${r.id} | ${r.title} | ${main} | ${r.baseline.title}: ${base} | ${r.ratio.name}: ${r.ratio.value} | ${targets} |`;
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
  for (const [id, run] of Object.entries(SCENARIOS)) {
    if (only.length && !only.includes(id)) continue;
    process.stdout.write(`running ${id}…\n`);
    results.push(await run());
  }
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  const stamp = new Date().toISOString();
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  // one file per run: a second run on the same day does not overwrite the first
  const dated = join(dir, `${stamp.slice(0, 10)}.json`);
  const file = existsSync(dated) ? join(dir, `${stamp.slice(0, 19).replace(/:/g, '')}.json`) : dated;
  writeFileSync(file, JSON.stringify({ at: stamp, machine, results }, null, 2));
  process.stdout.write(`\n${table(results)}\n\nmachine: ${JSON.stringify(machine)}\nwritten: ${file}\n`);
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
