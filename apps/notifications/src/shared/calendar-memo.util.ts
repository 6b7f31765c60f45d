import type { WorkingCalendar } from '@daiban/calendar';

/**
 * Answers remembered per calendar and key. A calendar is immutable (an admin's edit builds a new one), so
 * an answer stays right for as long as its calendar lives; past `limit` distinct keys a calendar's answers
 * start over, which bounds the memory a stream of unusual inputs can take.
 */
export function calendarMemo<T>(limit: number) {
  const byCalendar = new WeakMap<WorkingCalendar, Map<string, T>>();
  return (calendar: WorkingCalendar, key: string, compute: () => T): T => {
    let known = byCalendar.get(calendar);
    if (!known) byCalendar.set(calendar, (known = new Map()));
    let answer = known.get(key);
    if (answer === undefined) {
      if (known.size >= limit) known.clear();
      answer = compute();
      known.set(key, answer);
    }
    return answer;
  };
}
