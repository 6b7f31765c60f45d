import { readFileSync } from 'node:fs';
import { childPids, labelledStackNames, startBuiltStack, type BuiltStack } from '@daiban/testing';

export { APPS, ROOT, childPids, deleteStreams, dropDatabase, freePortBase, runNode } from '@daiban/testing';

/** VmRSS of a process in bytes (0 when it is gone). */
export function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The app a process of the built stack runs (`dist/apps/<app>/…` in its command line). */
export function appName(pid: number, fallback: string): string {
  try {
    return /dist\/apps\/([a-z]+)\//.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1] ?? fallback;
  } catch {
    return fallback;
  }
}

export interface Memory {
  /** Resident pages, shared ones counted in full. */
  rss: number;
  /** Proportional set size: each shared page divided by the number of processes mapping it. */
  pss: number;
  /** Unique set size: pages no other process maps. */
  uss: number;
}

export const NO_MEMORY: Memory = { rss: 0, pss: 0, uss: 0 };

export function addMemory(a: Memory, b: Memory): Memory {
  return { rss: a.rss + b.rss, pss: a.pss + b.pss, uss: a.uss + b.uss };
}

/** RSS, PSS and USS of a process from /proc/<pid>/smaps_rollup (zeros when it is gone). */
export function memoryOf(pid: number): Memory {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  } catch {
    return NO_MEMORY;
  }
  const kB = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
  return { rss: kB('Rss'), pss: kB('Pss'), uss: kB('Private_Clean') + kB('Private_Dirty') };
}

/** A process and all its descendants (a postmaster and its backends). */
export function processTree(pid: number): number[] {
  let children: number[];
  try {
    children = childPids(pid);
  } catch {
    return [];
  }
  return [pid, ...children.flatMap(processTree)];
}

export type Stack = BuiltStack;

/**
 * The built stack on its own `bench…` database, namespace and BullMQ prefix (libs/testing/src/built-stack.ts),
 * on the machine's shared servers unless `infra` names others.
 */
export function startStack(
  extraEnv: Record<string, string> = {},
  infra?: { postgresUrl: string; natsUrl: string; redisUrl: string },
): Promise<Stack> {
  return startBuiltStack({ names: labelledStackNames('bench'), env: extraEnv, infra });
}
