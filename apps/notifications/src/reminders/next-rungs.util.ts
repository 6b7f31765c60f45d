import type { Rung } from './deadline.types';
import { compositeKey } from '../shared/composite-key.util';

/**
 * The rung of each deadline version that fires first: the only one with a BullMQ job (the firing of a
 * rung arms the next). Ties on the time go by rung name, as `DeadlinesRepository.nextRungs` orders them.
 */
export function nextRungsOf<T extends Pick<Rung, 'deadlineKey' | 'rung' | 'version' | 'fireAt'>>(
  rungs: readonly T[],
): T[] {
  const first = new Map<string, T>();
  for (const rung of rungs) {
    const key = compositeKey(rung.deadlineKey, rung.version);
    const seen = first.get(key);
    const earlier =
      !seen ||
      rung.fireAt.getTime() < seen.fireAt.getTime() ||
      (rung.fireAt.getTime() === seen.fireAt.getTime() && rung.rung < seen.rung);
    if (earlier) first.set(key, rung);
  }
  return [...first.values()];
}
