import { addDays, type LocalDate, type TimeLimitUnit, type WorkingCalendar } from '@daiban/calendar';
import type { ItemState } from '@daiban/contracts';

export interface PlanInput {
  itemId: string;
  code: string;
  name: string;
  state: ItemState;
  duration: number;
  unit: TimeLimitUnit;
  /** Codes of the prerequisites present (not waived) in the case. */
  prerequisites: readonly string[];
  /** Finished (result issued) on this day, or expected to finish then (its running deadline); null = not begun. */
  fixedFinish: LocalDate | null;
  done: boolean;
}

export interface PlanRow {
  itemId: string;
  catalogCode: string;
  name: string;
  state: ItemState;
  duration: number;
  prerequisites: string[];
  latestStart: LocalDate | null;
  latestFinish: LocalDate | null;
  expectedStart: LocalDate | null;
  expectedFinish: LocalDate;
  done: boolean;
  critical: boolean;
  late: boolean;
}

export interface Plan {
  forecastConstructionStart: LocalDate;
  behindSchedule: boolean;
  criticalPath: string[];
  provisional: boolean;
  rows: PlanRow[];
}

function forward(calendar: WorkingCalendar, from: LocalDate, days: number, unit: TimeLimitUnit) {
  if (unit === 'calendar_days') return { date: addDays(from, days), provisional: false };
  return calendar.addWorkingDays(from, days);
}

function backward(calendar: WorkingCalendar, to: LocalDate, days: number, unit: TimeLimitUnit) {
  if (unit === 'calendar_days') return { date: addDays(to, -days), provisional: false };
  let date = to;
  let provisional = false;
  for (let i = 0; i < days; i += 1) {
    const previous = calendar.previousWorkingDay(date);
    date = previous.date;
    provisional ||= previous.provisional;
  }
  return { date, provisional };
}

/** Items in an order where every prerequisite comes before the items needing it (the catalog has no cycles). */
function topological(items: readonly PlanInput[]): PlanInput[] {
  const byCode = new Map(items.map((item) => [item.code, item]));
  const seen = new Set<string>();
  const ordered: PlanInput[] = [];
  const visit = (item: PlanInput) => {
    if (seen.has(item.code)) return;
    seen.add(item.code);
    for (const code of item.prerequisites) {
      const prerequisite = byCode.get(code);
      if (prerequisite) visit(prerequisite);
    }
    ordered.push(item);
  };
  items.forEach(visit);
  return ordered;
}

/**
 * 倒排工期 and forecast over the items needed before construction (开工).
 *
 * Backwards: an item must finish by the latest start of every item that needs it, and the last ones by
 * the target date; its latest start is that day less its committed limit (working days, as deadlines count
 * them). Forwards: a finished or running item ends on its known or due date; any other starts today or when
 * its last prerequisite finishes, whichever is later. The forecast 开工 date is the latest finish, and the
 * chain that produced it is the critical path.
 */
export function buildPlan(
  calendar: WorkingCalendar,
  items: readonly PlanInput[],
  today: LocalDate,
  target: LocalDate | null,
): Plan {
  const ordered = topological(items);
  const present = new Set(items.map((item) => item.code));
  let provisional = false;

  const finish = new Map<string, LocalDate>();
  const start = new Map<string, LocalDate | null>();
  const drivenBy = new Map<string, string | null>();
  for (const item of ordered) {
    const prerequisites = item.prerequisites.filter((code) => present.has(code));
    if (item.fixedFinish) {
      finish.set(item.code, item.fixedFinish);
      start.set(item.code, null);
      drivenBy.set(item.code, null);
      continue;
    }
    let begin = today;
    let driver: string | null = null;
    for (const code of prerequisites) {
      const prerequisiteFinish = finish.get(code)!;
      if (prerequisiteFinish > begin) {
        begin = prerequisiteFinish;
        driver = code;
      }
    }
    const end = forward(calendar, begin, item.duration, item.unit);
    provisional ||= end.provisional;
    start.set(item.code, begin);
    finish.set(item.code, end.date);
    drivenBy.set(item.code, driver);
  }

  const latestStart = new Map<string, LocalDate>();
  const latestFinish = new Map<string, LocalDate>();
  if (target) {
    for (const item of [...ordered].reverse()) {
      let by = target;
      for (const other of items) {
        if (!other.prerequisites.includes(item.code)) continue;
        const otherStart = latestStart.get(other.code);
        if (otherStart && otherStart < by) by = otherStart;
      }
      const begin = backward(calendar, by, item.duration, item.unit);
      provisional ||= begin.provisional;
      latestFinish.set(item.code, by);
      latestStart.set(item.code, begin.date);
    }
  }

  let forecast = today;
  let last: string | null = null;
  for (const item of ordered) {
    const end = finish.get(item.code)!;
    if (end > forecast) {
      forecast = end;
      last = item.code;
    }
  }
  const criticalPath: string[] = [];
  for (let code = last; code; code = drivenBy.get(code) ?? null) criticalPath.unshift(code);
  const critical = new Set(criticalPath);

  const rows = items.map((item) => {
    const expectedFinish = finish.get(item.code)!;
    const latest = latestFinish.get(item.code) ?? null;
    return {
      itemId: item.itemId,
      catalogCode: item.code,
      name: item.name,
      state: item.state,
      duration: item.duration,
      prerequisites: item.prerequisites.filter((code) => present.has(code)),
      latestStart: latestStart.get(item.code) ?? null,
      latestFinish: latest,
      expectedStart: start.get(item.code) ?? null,
      expectedFinish,
      done: item.done,
      critical: critical.has(item.code),
      late: !item.done && latest !== null && expectedFinish > latest,
    };
  });
  return {
    forecastConstructionStart: forecast,
    behindSchedule: target !== null && forecast > target,
    criticalPath,
    provisional,
    rows,
  };
}
