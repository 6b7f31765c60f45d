import {
  DEFAULT_OVERDUE_ESCALATION_WORKING_DAYS,
  assessProgress,
  computeDeadline,
  instantWhenOverdueBy,
  redAt,
  shanghaiDateOf,
  shanghaiEndOfDay,
  yellowAt,
  type LocalDate,
  type Milestone,
  type Pause,
  type TimeLimit,
  type TimeLimitUnit,
  type WorkingCalendar,
} from '@daiban/calendar';
import type { ItemState } from '@daiban/contracts';
import { CLOCK_STATES } from './item-state-machine';

/** 行政许可法 第32条: the department must accept or return a submission within 5 working days. */
export const ACCEPTANCE_DECISION_WORKING_DAYS = 5;

export interface ItemClockInput {
  state: ItemState;
  submittedOn: LocalDate | null;
  acceptedOn: LocalDate | null;
  committedLimit: number;
  extensionLimit: number | null;
  unit: TimeLimitUnit;
  pauses: readonly Pause[];
  greenChannel: boolean;
}

export type ClockKind = 'time_limit' | 'acceptance_decision';

/** The deadline as it is stored and announced; a change in any of its key fields is a new deadline version. */
export interface DeadlineSnapshot {
  clock: ClockKind | null;
  active: boolean;
  startedOn: LocalDate | null;
  dueDate: LocalDate | null;
  dueAt: Date | null;
  limit: number;
  unit: TimeLimitUnit;
  provisional: boolean;
  paused: boolean;
  yellowAt: Milestone | null;
  redAt: Milestone | null;
  overdueRungs: Array<{ workingDays: number; at: Milestone | null }>;
}

/** The submission date when 第32条 has deemed the item accepted by `today`, else null. */
export function deemedAcceptanceOn(
  calendar: WorkingCalendar,
  submittedOn: LocalDate | null,
  today: LocalDate,
): LocalDate | null {
  if (!submittedOn) return null;
  const decisionDue = calendar.addWorkingDays(submittedOn, ACCEPTANCE_DECISION_WORKING_DAYS).date;
  return today > decisionDue ? submittedOn : null;
}

export function timeLimitOf(input: ItemClockInput, acceptedOn: LocalDate): TimeLimit {
  return {
    acceptedOn,
    limit: input.committedLimit,
    unit: input.unit,
    pauses: input.pauses,
    extension: input.extensionLimit === null ? null : { limit: input.extensionLimit },
  };
}

/** The item row's deadline columns once `snapshot` is stored as deadline `version`. */
export function deadlineColumns(version: number, snapshot: DeadlineSnapshot) {
  return {
    deadlineVersion: version,
    deadlineClock: snapshot.clock,
    deadlineActive: snapshot.active,
    deadlineStartedOn: snapshot.startedOn,
    deadlineDueDate: snapshot.dueDate,
    deadlineLimit: snapshot.limit,
    deadlineProvisional: snapshot.provisional,
    deadlinePaused: snapshot.paused,
  };
}

/**
 * Which clock runs for the item at `today`, and its deadline. A submitted item runs the acceptance-decision
 * clock until 第32条 deems it accepted on its submission date; from acceptance the time limit runs; once
 * decided (or waived) no clock runs.
 */
export function deadlineSnapshot(
  calendar: WorkingCalendar,
  input: ItemClockInput,
  today: LocalDate,
): DeadlineSnapshot {
  let limit: TimeLimit | null = null;
  let clock: ClockKind | null = null;
  if (CLOCK_STATES.includes(input.state) && input.acceptedOn) {
    clock = 'time_limit';
    limit = timeLimitOf(input, input.acceptedOn);
  } else if (input.state === 'submitted' && input.submittedOn) {
    const deemed = deemedAcceptanceOn(calendar, input.submittedOn, today);
    if (deemed) {
      clock = 'time_limit';
      limit = timeLimitOf(input, deemed);
    } else {
      clock = 'acceptance_decision';
      limit = { acceptedOn: input.submittedOn, limit: ACCEPTANCE_DECISION_WORKING_DAYS };
    }
  }
  if (!limit || !clock) {
    return {
      clock: null,
      active: false,
      startedOn: null,
      dueDate: null,
      dueAt: null,
      limit: input.extensionLimit ?? input.committedLimit,
      unit: input.unit,
      provisional: false,
      paused: false,
      yellowAt: null,
      redAt: null,
      overdueRungs: [],
    };
  }
  const deadline = computeDeadline(calendar, limit);
  const options = { ...limit, greenChannel: input.greenChannel };
  return {
    clock,
    active: true,
    startedOn: limit.acceptedOn,
    dueDate: deadline.dueDate,
    dueAt: deadline.dueAt,
    limit: deadline.limit,
    unit: deadline.unit,
    provisional: deadline.provisional,
    paused: deadline.paused,
    yellowAt: yellowAt(calendar, options),
    redAt: redAt(calendar, limit),
    overdueRungs: DEFAULT_OVERDUE_ESCALATION_WORKING_DAYS.map((n) => ({
      workingDays: n,
      at: instantWhenOverdueBy(calendar, limit, n),
    })),
  };
}

/** Two snapshots announce the same deadline: nothing a reminder depends on differs. */
export function sameDeadline(a: StoredDeadline, b: DeadlineSnapshot): boolean {
  return (
    a.clock === b.clock &&
    a.active === b.active &&
    a.dueDate === b.dueDate &&
    a.provisional === b.provisional &&
    a.paused === b.paused &&
    a.limit === b.limit &&
    a.startedOn === b.startedOn
  );
}

export interface StoredDeadline {
  clock: ClockKind | null;
  active: boolean;
  startedOn: LocalDate | null;
  dueDate: LocalDate | null;
  limit: number;
  provisional: boolean;
  paused: boolean;
}

export interface ItemProgressView {
  acceptedOn: LocalDate | null;
  deemedAccepted: boolean;
  dueDate: LocalDate | null;
  dueAt: Date | null;
  limit: number;
  provisional: boolean;
  paused: boolean;
  workingDaysLeft: number | null;
  elapsed: number | null;
  overdueBy: number | null;
  light: 'green' | 'yellow' | 'red' | null;
}

/**
 * What the item view shows at `now`: lights are computed here, at read time, from the deadline and the
 * clock, so nothing needs a cron to turn an item red (a backdated acceptance reads red at once).
 */
export function itemProgress(calendar: WorkingCalendar, input: ItemClockInput, now: Date): ItemProgressView {
  const today = shanghaiDateOf(now);
  const limitInForce = input.extensionLimit ?? input.committedLimit;
  let acceptedOn = input.acceptedOn;
  let deemed = false;
  if (input.state === 'submitted') {
    acceptedOn = deemedAcceptanceOn(calendar, input.submittedOn, today);
    deemed = acceptedOn !== null;
  }
  const running = acceptedOn !== null && (CLOCK_STATES.includes(input.state) || deemed);
  if (!acceptedOn) {
    return {
      acceptedOn: null,
      deemedAccepted: false,
      dueDate: null,
      dueAt: null,
      limit: limitInForce,
      provisional: false,
      paused: false,
      workingDaysLeft: null,
      elapsed: null,
      overdueBy: null,
      light: null,
    };
  }
  const limit = timeLimitOf(input, acceptedOn);
  if (!running) {
    const deadline = computeDeadline(calendar, limit);
    return {
      acceptedOn,
      deemedAccepted: false,
      dueDate: deadline.dueDate,
      dueAt: deadline.dueAt,
      limit: deadline.limit,
      provisional: deadline.provisional,
      paused: false,
      workingDaysLeft: null,
      elapsed: null,
      overdueBy: null,
      light: null,
    };
  }
  const progress = assessProgress(calendar, { ...limit, now, greenChannel: input.greenChannel });
  const deadline = progress.deadline;
  return {
    acceptedOn,
    deemedAccepted: deemed,
    dueDate: deadline.dueDate,
    dueAt: deadline.dueAt,
    limit: progress.limit,
    provisional: progress.provisional,
    paused: progress.paused,
    workingDaysLeft:
      progress.unit === 'working_days'
        ? progress.remaining
        : deadline.paused
          ? null
          : calendar.workingDaysBetween(today, deadline.dueDate).count,
    elapsed: progress.elapsed,
    overdueBy: progress.overdueBy,
    light: progress.light,
  };
}

/**
 * A side deadline (承诺 or 容缺 materials) set on `from` and due at the end of `dueOn`: its light runs on
 * working days between the two, with the same thresholds as the item.
 */
export function sideLight(
  calendar: WorkingCalendar,
  from: LocalDate,
  dueOn: LocalDate,
  now: Date,
  greenChannel: boolean,
): 'green' | 'yellow' | 'red' {
  if (now.getTime() > shanghaiEndOfDay(dueOn).getTime()) return 'red';
  const limit = Math.max(0, calendar.workingDaysBetween(from, dueOn).count);
  const progress = assessProgress(calendar, { acceptedOn: from, limit, now, greenChannel });
  return progress.light === 'red' ? 'yellow' : progress.light;
}

export function sideMilestones(
  calendar: WorkingCalendar,
  from: LocalDate,
  dueOn: LocalDate,
  greenChannel: boolean,
): { yellowAt: Milestone | null; redAt: Milestone } {
  const limit = Math.max(0, calendar.workingDaysBetween(from, dueOn).count);
  const red = redAt(calendar, { acceptedOn: dueOn, limit: 0 });
  return { yellowAt: yellowAt(calendar, { acceptedOn: from, limit, greenChannel }), redAt: red! };
}
