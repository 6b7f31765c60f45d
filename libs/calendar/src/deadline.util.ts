import { CalendarError } from './calendar.error';
import { DayPredicate, walkCountedDays } from './day-counter.util';
import { assertLocalDate, LocalDate, shanghaiEndOfDay } from './local-date.util';
import { isInRanges, splitPauses, SplitPauses } from './pause.util';
import { DateRange, TimeLimit, TimeLimitUnit } from './time-limit.types';
import { WorkingCalendar } from './working-calendar';

export const TIME_LIMIT_UNITS: readonly TimeLimitUnit[] = ['working_days', 'calendar_days'];

interface DeadlineBase {
  /** The limit in force: the extension's when one was approved. */
  limit: number;
  unit: TimeLimitUnit;
  /** Some day the result depends on lies in a year without calendar data; recompute once it is loaded. */
  provisional: boolean;
}

export interface RunningDeadline extends DeadlineBase {
  paused: false;
  /** The last day on which the item is still on time. */
  dueDate: LocalDate;
  /** 23:59:59.999 Asia/Shanghai on `dueDate`; the item is overdue from the next millisecond. */
  dueAt: Date;
}

/**
 * An open pause began before the limit ran out, so there is no due date: it depends on when the
 * special procedure ends. What the item view shows instead is "暂停计时, 剩余 {remaining} 个工作日" (天 for
 * calendar-day limits).
 */
export interface PausedDeadline extends DeadlineBase {
  paused: true;
  dueDate: null;
  dueAt: null;
  /** Start of the open pause. */
  pausedSince: LocalDate;
  /** Days of the limit (in `unit`) still to run once the pause ends. */
  remaining: number;
}

export type Deadline = RunningDeadline | PausedDeadline;

/** A resolved, validated time limit, shared by the deadline and progress arithmetic. */
export interface NormalizedTimeLimit {
  acceptedOn: LocalDate;
  limit: number;
  unit: TimeLimitUnit;
  pauses: SplitPauses;
}

export function normalizeTimeLimit(input: TimeLimit): NormalizedTimeLimit {
  assertLocalDate(input.acceptedOn, 'acceptedOn');
  const unit = input.unit ?? 'working_days';
  if (!TIME_LIMIT_UNITS.includes(unit)) {
    throw new CalendarError(
      'calendar.invalid_time_limit',
      `unit must be one of ${TIME_LIMIT_UNITS.join(', ')}`,
    );
  }
  assertLimit(input.limit, 'limit');
  if (input.extension) assertLimit(input.extension.limit, 'extension.limit');
  return {
    acceptedOn: input.acceptedOn,
    limit: input.extension ? input.extension.limit : input.limit,
    unit,
    pauses: splitPauses(input.pauses),
  };
}

function assertLimit(limit: number, field: string): void {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new CalendarError(
      'calendar.invalid_time_limit',
      `${field} must be a non-negative integer, got ${limit}`,
    );
  }
}

/** Which days consume the limit: working days, or every day, but never a day inside a pause. */
export function countedDayCheck(
  calendar: WorkingCalendar,
  unit: TimeLimitUnit,
  closed: readonly DateRange[],
): DayPredicate {
  if (unit === 'working_days') return calendar.workingDayCheck(closed);
  return (date) => ({ counted: !isInRanges(date, closed), provisional: false });
}

/**
 * The due date of a time limit.
 *
 * - Day 1 is the first counted day after `acceptedOn`; the due date is the `limit`th (DOMAIN-REFERENCE §7.3).
 *   A zero limit is due on the acceptance day itself.
 * - `working_days`: working days outside pauses count.
 * - `calendar_days`: every day outside pauses counts; when the last one is not a working day the due date
 *   moves to the next working day (民法典 第203条, DOMAIN-REFERENCE §7.1). That day is a working day
 *   of the calendar, so a 调休 Saturday counts as one.
 * - An open pause (`end: null`) that starts before the limit has run out yields a `PausedDeadline`: nothing
 *   after its start counts, so there is no due date yet, only the days remaining. One that starts after the
 *   due date changes nothing.
 */
export function computeDeadline(calendar: WorkingCalendar, input: TimeLimit): Deadline {
  const { acceptedOn, limit, unit, pauses } = normalizeTimeLimit(input);
  const { closed, openFrom } = pauses;
  const walk = walkCountedDays(acceptedOn, limit, countedDayCheck(calendar, unit, closed), openFrom);
  if (!walk.reached) {
    return paused(limit, unit, openFrom, limit - walk.counted, walk.provisional);
  }
  if (unit === 'working_days' || limit === 0) {
    return running(limit, unit, walk.date, walk.provisional);
  }

  let provisional = walk.provisional || calendar.isProvisional(walk.date);
  if (calendar.isWorkingDay(walk.date)) return running(limit, unit, walk.date, provisional);
  const rolled = walkCountedDays(walk.date, 1, calendar.workingDayCheck(closed), openFrom);
  provisional ||= rolled.provisional;
  return rolled.reached
    ? running(limit, unit, rolled.date, provisional)
    : paused(limit, unit, openFrom, 0, provisional);
}

function running(
  limit: number,
  unit: TimeLimitUnit,
  dueDate: LocalDate,
  provisional: boolean,
): RunningDeadline {
  return { paused: false, dueDate, dueAt: shanghaiEndOfDay(dueDate), provisional, limit, unit };
}

function paused(
  limit: number,
  unit: TimeLimitUnit,
  pausedSince: LocalDate | null,
  remaining: number,
  provisional: boolean,
): PausedDeadline {
  if (pausedSince === null) throw new Error('unreachable: only an open pause stops a walk');
  return { paused: true, dueDate: null, dueAt: null, pausedSince, remaining, provisional, limit, unit };
}
