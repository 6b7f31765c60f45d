import { readFileSync, readdirSync } from 'node:fs';
import { labelledStackNames, startBuiltStack, type BuiltStack } from '@daiban/testing';

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

/** Every process whose command name is `name` (from /proc/<pid>/comm). */
export function pidsByName(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

export type Stack = BuiltStack;

/** The built stack on its own `bench…` database, namespace and BullMQ prefix (libs/testing/src/built-stack.ts). */
export function startStack(extraEnv: Record<string, string> = {}): Promise<Stack> {
  return startBuiltStack({ names: labelledStackNames('bench'), env: extraEnv });
}
