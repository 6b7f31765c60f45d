import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { appName, type Stack } from './stack';

/** Kernel clock ticks per second for /proc/<pid>/stat (USER_HZ, 100 on Linux x86_64 and arm64). */
const TICKS_PER_SECOND = 100;

/** user + system CPU of a process in ms (0 when it is gone). */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command may contain spaces and parentheses: fields are counted after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * ms the threads of a process spent runnable but waiting for a core (the second field of
 * /proc/<pid>/task/<tid>/schedstat), summed over its threads (0 when it is gone). A request that waits
 * while its process waits for a core is late without any of its own work being slow: on 2 cores shared by
 * five apps, PostgreSQL, NATS and Redis, this is the contention behind a latency tail.
 */
function runQueueMsOf(pid: number): number {
  let ns = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[1]);
      } catch {
        // the thread ended between the listing and the read
      }
    }
  } catch {
    return 0;
  }
  return ns / 1e6;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/**
 * The processes whose CPU a request of the stack costs: the five apps, the PostgreSQL backends serving
 * the stack's own database (the shared server's other databases are other people's), and the NATS and
 * Redis servers (machine-wide: whatever else uses them during the window is counted too).
 */
function stackProcesses(stack: Stack): Map<number, string> {
  const found = new Map<number, string>();
  stack.appPids().forEach((pid, i) => found.set(pid, appName(pid, `app${i}`)));
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const cmd = cmdline(pid);
    if (cmd.startsWith('postgres: ') && cmd.includes(` ${stack.names.database} `)) found.set(pid, 'postgres');
    else if (/(^|\/)nats-server( |$)/.test(cmd.split(' ')[0] ?? '')) found.set(pid, 'nats');
    else if (/(^|\/)redis-server( |$)/.test(cmd.split(' ')[0] ?? '')) found.set(pid, 'redis');
  }
  return found;
}

export interface CpuWindow {
  /** ms counted in the window per process group (apps by name, postgres, nats, redis) and in total. */
  stop(): Record<string, number>;
}

/**
 * Starts counting a per-process quantity in ms over the stack's processes. PostgreSQL backends that connect
 * during the window are picked up at `stop()` (their count before the window was 0); backends that exit
 * inside it are lost, which the stack's long-lived pools make rare.
 */
function stackWindow(stack: Stack, msOf: (pid: number) => number): CpuWindow {
  const before = new Map([...stackProcesses(stack)].map(([pid]) => [pid, msOf(pid)]));
  return {
    stop() {
      const byGroup: Record<string, number> = {};
      for (const [pid, group] of stackProcesses(stack)) {
        byGroup[group] = (byGroup[group] ?? 0) + msOf(pid) - (before.get(pid) ?? 0);
      }
      byGroup.total = Object.values(byGroup).reduce((a, b) => a + b, 0);
      return byGroup;
    },
  };
}

/** CPU (user + system) of the stack's processes over a window. */
export const cpuWindow = (stack: Stack): CpuWindow => stackWindow(stack, cpuMsOf);

/** Time the stack's threads waited for a core over a window (`runQueueMsOf`). */
export const runQueueWindow = (stack: Stack): CpuWindow => stackWindow(stack, runQueueMsOf);

/** ms per operation, to 0.01 ms. */
const perOperation = (ms: number, operations: number) =>
  Math.round((ms / Math.max(1, operations)) * 100) / 100;

/**
 * CPU ms per operation for each group, as metrics named `cpuMsPer<Unit>_<group>`, and the rate the
 * machine's cores could sustain at that total cost (`cpuCeilingPerSec`): what the 2 cores allow before
 * any queueing, a bound no tuning of waits can pass.
 */
export function cpuMetrics(
  cpu: Record<string, number>,
  operations: number,
  unit: string,
  ceilingName = 'cpuCeilingPerSec',
): Record<string, number> {
  const per = (ms: number) => perOperation(ms, operations);
  const metrics: Record<string, number> = {};
  for (const [group, ms] of Object.entries(cpu)) metrics[`cpuMsPer${unit}_${group}`] = per(ms);
  metrics[ceilingName] = Math.round((cpus().length * 1000) / Math.max(0.01, per(cpu.total)));
  return metrics;
}

/** Run-queue wait per operation for each group, as metrics named `runQueueMsPer<Unit>_<group>`. */
export function runQueueMetrics(
  wait: Record<string, number>,
  operations: number,
  unit: string,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(wait).map(([group, ms]) => [
      `runQueueMsPer${unit}_${group}`,
      perOperation(ms, operations),
    ]),
  );
}
