import { CalendarError } from './calendar.error';
import { countCountedDays, walkCountedDays } from './day-counter.util';
import { computeDeadline, countedDayCheck, Deadline, normalizeTimeLimit } from './deadline.util';
import {
  DEFAULT_LIGHT_THRESHOLDS,
  Light,
  LightThresholds,
  lightThresholdsSchema,
} from './light-thresholds.constant';
import { addDays, assertLocalDate, LocalDate, shanghaiDateOf, shanghaiStartOfDay } from './local-date.util';
import { closeOpenPauses } from './pause.util';
import { Pause, TimeLimit, TimeLimitUnit } from './time-limit.types';
import { WorkingCalendar } from './working-calendar';

/*
 * Time model shared by every function here: a counted day is consumed from its first instant
 * (00:00 Asia/Shanghai). So on the due date itself elapsed = limit and remaining = 0, and
 * every change of light or overdue count happens at the start of a day — which is what lets the
 * scheduler compute the exact instant beforehand (`yellowAt`, `instantWhenOverdueBy`).
 */

export interface LightOptions {
  greenChannel?: boolean;
  thresholds?: Partial<LightThresholds>;
}

export interface LightInput extends TimeLimit, LightOptions {
  now: Date;
}

export interface Progress {
  light: Light;
  unit: TimeLimitUnit;
  limit: number;
  /** Counted days (in `unit`) from the day after acceptance through today. */
  elapsed: number;
  /** `limit − elapsed`, never below zero: the days after today still available. */
  remaining: number;
  /** Working days past the due date (escalation rungs are in working days whatever the unit). */
  overdueBy: number;
  paused: boolean;
  deadline: Deadline;
  provisional: boolean;
}

/** An instant the scheduler can fire at: the start (00:00 Asia/Shanghai) of `date`. */
export interface Milestone {
  date: LocalDate;
  at: Date;
  provisional: boolean;
}

function todayOf(now: Date): LocalDate {
  return shanghaiDateOf(now);
}

function elapsedOf(calendar: WorkingCalendar, input: TimeLimit, today: LocalDate) {
  const { acceptedOn, unit } = normalizeTimeLimit(input);
  const pauses = closeOpenPauses(input.pauses, today);
  return countCountedDays(acceptedOn, today, countedDayCheck(calendar, unit, pauses));
}

/** Working days after `acceptedOn` up to and including today, those inside pauses excluded. */
export function elapsedWorkingDays(
  calendar: WorkingCalendar,
  acceptedOn: LocalDate,
  now: Date,
  pauses: readonly Pause[] = [],
): number {
  assertLocalDate(acceptedOn, 'acceptedOn');
  return elapsedOf(calendar, { acceptedOn, limit: 0, pauses }, todayOf(now)).count;
}

/** Working days of the limit left after today (0 on the due date and once overdue). */
export function remainingWorkingDays(calendar: WorkingCalendar, input: TimeLimit, now: Date): number {
  const { limit, unit } = normalizeTimeLimit(input);
  if (unit !== 'working_days') {
    throw new CalendarError(
      'calendar.invalid_time_limit',
      'remainingWorkingDays needs a working-day limit; use assessProgress for calendar days',
    );
  }
  return Math.max(0, limit - elapsedOf(calendar, input, todayOf(now)).count);
}

/** Working days past the due date as of `now`; 0 while on time or paused. */
export function overdueBy(calendar: WorkingCalendar, input: TimeLimit, now: Date): number {
  const deadline = computeDeadline(calendar, input);
  if (deadline.paused) return 0;
  const today = todayOf(now);
  const pauses = closeOpenPauses(input.pauses, today);
  return calendar.workingDaysBetween(deadline.dueDate, today, pauses).count;
}

function resolveThresholds(options: LightOptions): LightThresholds {
  const merged = { ...DEFAULT_LIGHT_THRESHOLDS, ...options.thresholds };
  const parsed = lightThresholdsSchema.safeParse(merged);
  if (!parsed.success) {
    throw new CalendarError(
      'calendar.invalid_thresholds',
      parsed.error.issues.map((i) => i.message).join('; '),
    );
  }
  return parsed.data;
}

function isYellowAfter(elapsed: number, limit: number, thresholds: LightThresholds, greenChannel: boolean) {
  const percent = greenChannel
    ? thresholds.greenChannelYellowElapsedPercent
    : thresholds.yellowElapsedPercent;
  // Compared multiplied out, so 80 % of 5 is exactly 4 (0.8 * 5 in floating point need not be).
  return elapsed * 100 >= percent * limit || limit - elapsed <= thresholds.yellowRemainingDays;
}

/**
 * Everything the item view shows. Red once `now` is after `dueAt`; otherwise yellow when elapsed has
 * reached the yellow share of the limit (60 % on the green channel) or at most `yellowRemainingDays`
 * remain; otherwise green. A paused item is never red: its deadline is not running.
 */
export function assessProgress(calendar: WorkingCalendar, input: LightInput): Progress {
  const thresholds = resolveThresholds(input);
  const deadline = computeDeadline(calendar, input);
  const today = todayOf(input.now);
  const elapsed = elapsedOf(calendar, input, today);
  const { limit } = deadline;
  const late = !deadline.paused && input.now.getTime() > deadline.dueAt.getTime();
  const light: Light = late
    ? 'red'
    : isYellowAfter(elapsed.count, limit, thresholds, input.greenChannel ?? false)
      ? 'yellow'
      : 'green';
  return {
    light,
    unit: deadline.unit,
    limit,
    elapsed: elapsed.count,
    remaining: Math.max(0, limit - elapsed.count),
    overdueBy: late ? overdueBy(calendar, input, input.now) : 0,
    paused: deadline.paused,
    deadline,
    provisional: deadline.provisional || elapsed.provisional,
  };
}

export function light(calendar: WorkingCalendar, input: LightInput): Light {
  return assessProgress(calendar, input).light;
}

/**
 * When the light turns yellow: 00:00 Asia/Shanghai on the first counted day whose arrival makes the
 * yellow condition true (the day elapsed reaches the threshold, or the day after which at most
 * `yellowRemainingDays` remain). If the condition already holds with nothing elapsed (limits of one day),
 * that is the start of the acceptance day. `null` while an open pause stops the clock before that day:
 * reschedule when the pause ends.
 */
export function yellowAt(calendar: WorkingCalendar, input: TimeLimit & LightOptions): Milestone | null {
  const thresholds = resolveThresholds(input);
  const { acceptedOn, limit, unit, pauses } = normalizeTimeLimit(input);
  let day = 0;
  while (!isYellowAfter(day, limit, thresholds, input.greenChannel ?? false)) day += 1;
  if (day === 0) return milestone(acceptedOn, false);
  const walk = walkCountedDays(
    acceptedOn,
    day,
    countedDayCheck(calendar, unit, pauses.closed),
    pauses.openFrom,
  );
  return walk.reached ? milestone(walk.date, walk.provisional) : null;
}

/** The first instant the item is late (light red): the millisecond after `dueAt`. `null` while paused. */
export function redAt(calendar: WorkingCalendar, input: TimeLimit): Milestone | null {
  const deadline = computeDeadline(calendar, input);
  if (deadline.paused) return null;
  return milestone(addDays(deadline.dueDate, 1), deadline.provisional);
}

/**
 * The instant the item becomes `n` (≥ 1) working days overdue: the start of the `n`th working day after
 * the due date, pauses excluded. `null` while the deadline is paused, or when an open pause begun after
 * the due date stops the count first.
 */
export function instantWhenOverdueBy(
  calendar: WorkingCalendar,
  input: TimeLimit,
  n: number,
): Milestone | null {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new CalendarError('calendar.invalid_time_limit', `n must be a positive integer, got ${n}`);
  }
  const deadline = computeDeadline(calendar, input);
  if (deadline.paused) return null;
  const { pauses } = normalizeTimeLimit(input);
  const walk = walkCountedDays(deadline.dueDate, n, calendar.workingDayCheck(pauses.closed), pauses.openFrom);
  return walk.reached ? milestone(walk.date, deadline.provisional || walk.provisional) : null;
}

function milestone(date: LocalDate, provisional: boolean): Milestone {
  return { date, at: shanghaiStartOfDay(date), provisional };
}
