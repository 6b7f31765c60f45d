import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pollUntil } from '@daiban/testing';
import { ROOT } from '@daiban/testing';
import { ChaosStack, type StackOptions } from './chaos-stack';
import { Checker, MUST_BE_ZERO, type Figures } from './checker';
import { Workload, nowMs } from './workload';

export const RESULTS_FILE = join(ROOT, 'artifacts', 'chaos', 'results.json');

export interface ScenarioResult {
  id: string;
  title: string;
  hypothesis: string;
  seed: number;
  passed: boolean;
  figures: Figures;
  /** Recovery times in ms (restart until ready, heal until the first acknowledged write, …). */
  recovery: Record<string, number>;
  /** Events committed and projects registered during this scenario alone. */
  eventsInScenario: number;
  projectsInScenario: number;
  notes: string[];
  durationMs: number;
  finishedAt: string;
}

/** Merges one result into artifacts/chaos/results.json, so a partial run refreshes its rows only. */
export function recordResult(result: ScenarioResult): void {
  mkdirSync(join(ROOT, 'artifacts', 'chaos'), { recursive: true });
  let all: { scenarios: Record<string, ScenarioResult> } = { scenarios: {} };
  try {
    all = JSON.parse(readFileSync(RESULTS_FILE, 'utf8'));
  } catch {
    // first run
  }
  all.scenarios[result.id] = result;
  writeFileSync(RESULTS_FILE, `${JSON.stringify(all, null, 2)}\n`);
  writeFileSync(join(ROOT, 'artifacts', 'chaos', 'table.md'), markdownTable(Object.values(all.scenarios)));
}

const seconds = (ms: number | undefined) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`);

/** The rows of the scenario table in docs/reliability.md, refreshed from the latest results. */
export function markdownTable(results: ScenarioResult[]): string {
  const lines = [
    '| scenario | hypothesis | result | events (run / total) | lost | dup. msgs | dup. notifications | possible re-sends | reminders fired / missing | read models | 2xx kept | audit | recovery |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const f = r.figures;
    const recovery = Object.entries(r.recovery)
      .map(([k, v]) => `${k} ${seconds(v)}`)
      .join(', ');
    lines.push(
      `| ${r.title} | ${r.hypothesis} | ${r.passed ? 'pass' : '**FAIL**'} | ${r.eventsInScenario} / ${f.events} | ${f.eventsLost} | ${f.duplicatePublishes} | ${f.duplicateNotifications} | ${f.duplicateSends} | ${f.remindersFired} / ${f.remindersMissing} | ${f.readModelMismatches === 0 ? 'converged' : `${f.readModelMismatches} differ`} | ${f.acknowledgedWrites - f.acknowledgedMissing} / ${f.acknowledgedWrites} | ${f.auditMissing + f.auditDuplicate === 0 ? 'complete' : `${f.auditMissing} missing, ${f.auditDuplicate} dup.`} | ${recovery} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `CHAOS_SUITE=ci` runs only the scenarios marked for CI; anything else runs them all. */
export const ciOnly = process.env.CHAOS_SUITE === 'ci';

export const scenarioIt = (ci: boolean) => (ciOnly && !ci ? it.skip : it);

/** One stack, one workload and one checker shared by the scenarios of a describe block. */
export class ChaosContext {
  stack!: ChaosStack;
  workload!: Workload;
  checker!: Checker;
  private lastEvents = 0;

  constructor(private readonly options: StackOptions & { seed: number }) {}

  async start(): Promise<void> {
    this.stack = await ChaosStack.start(this.options);
    this.workload = new Workload(() => this.stack.gatewayUrls(), { seed: this.options.seed });
    this.checker = new Checker(this.stack.db, this.stack.env.NATS_URL!, this.stack.env.EVENT_NAMESPACE!);
    await this.workload.setup();
  }

  async stop(): Promise<void> {
    // CHAOS_KEEP=1 leaves the stack running for inspection (the harness prints its database URL).
    if (process.env.CHAOS_KEEP === '1') {
      process.stderr.write(`CHAOS_KEEP: stack left running, database ${this.stack?.env.DATABASE_URL}\n`);
      return;
    }
    await this.stack?.stop();
  }

  /** ms from now until the client's next acknowledged write (publishers carry on). */
  async nextAcknowledgedWrite(timeoutMs = 180_000): Promise<number> {
    const from = nowMs();
    const started = performance.now();
    await pollUntil(() => this.workload.acknowledged().some((c) => c.startedAt >= from), {
      timeoutMs,
      intervalMs: 50,
      message: 'an acknowledged write after healing',
    });
    return Math.round(performance.now() - started);
  }

  /**
   * Runs the workload, lets `fault` act once `before` new projects are registered, keeps the load on
   * until `after` more are registered once the fault has healed, then waits for quiet and checks.
   */
  async underLoad(
    meta: { id: string; title: string; hypothesis: string },
    fault: (recovery: Record<string, number>, notes: string[]) => Promise<void>,
    options: { before?: number; after?: number; concurrency?: number; check?: (f: Figures) => void } = {},
  ): Promise<ScenarioResult> {
    const started = performance.now();
    const recovery: Record<string, number> = {};
    const notes: string[] = [];
    const projectsBefore = this.workload.projects.length;
    let stop = false;
    const load = this.workload.run({ until: () => stop, concurrency: options.concurrency ?? 2 });
    try {
      await pollUntil(() => this.workload.projects.length >= projectsBefore + (options.before ?? 2), {
        timeoutMs: 180_000,
        intervalMs: 100,
        message: 'load running before the fault',
      });
      await fault(recovery, notes);
      const healedAt = this.workload.projects.length;
      recovery.firstWriteAfterHealMs ??= await this.nextAcknowledgedWrite();
      await pollUntil(() => this.workload.projects.length >= healedAt + (options.after ?? 2), {
        timeoutMs: 240_000,
        intervalMs: 100,
        message: 'load carrying on after the fault',
      });
    } finally {
      stop = true;
      await load;
    }
    return this.conclude(meta, started, recovery, notes, projectsBefore, options.check);
  }

  async conclude(
    meta: { id: string; title: string; hypothesis: string },
    started: number,
    recovery: Record<string, number>,
    notes: string[],
    projectsBefore: number,
    check?: (f: Figures) => void,
  ): Promise<ScenarioResult> {
    // A service the fault did not target must survive it; one that died is started again so that the
    // scenarios after this one test their own fault, not its absence (quiet would never come).
    const died = this.stack.names().filter((name) => !this.stack.alive(name));
    for (const name of died) {
      notes.push(`${name} died (${this.stack.exitSignal(name)}): …${this.stack.log(name).slice(-1500)}`);
      await this.stack.restart(name);
    }
    const quietMs = await this.checker.waitQuiet();
    const figures = await this.checker.figures(this.workload.calls, quietMs);
    recovery.quietMs = quietMs;
    const failures = this.workload.failures.splice(0);
    if (failures.length) notes.push(`workload steps refused or given up: ${failures.slice(0, 5).join('; ')}`);
    const passed = died.length === 0 && MUST_BE_ZERO.every((k) => figures[k] === 0);
    const result: ScenarioResult = {
      ...meta,
      seed: this.options.seed,
      passed,
      figures,
      recovery,
      eventsInScenario: figures.events - this.lastEvents,
      projectsInScenario: this.workload.projects.length - projectsBefore,
      notes,
      durationMs: Math.round(performance.now() - started),
      finishedAt: new Date().toISOString(),
    };
    this.lastEvents = figures.events;
    recordResult(result);
    expect({ died, notes }).toEqual({ died: [], notes });
    for (const key of MUST_BE_ZERO) expect([key, figures[key]]).toEqual([key, 0]);
    check?.(figures);
    return result;
  }
}
