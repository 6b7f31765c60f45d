import {
  DEFAULT_OVERDUE_ESCALATION_WORKING_DAYS,
  assessProgress,
  computeDeadline,
  instantWhenOverdueBy,
  redAt,
  yellowAt,
  type LocalDate,
  type Milestone,
  type WorkingCalendar,
} from '@daiban/calendar';

export interface RequestDeadline {
  startedOn: LocalDate;
  limit: number;
  dueDate: LocalDate;
  dueAt: Date;
  provisional: boolean;
  yellowAt: Milestone | null;
  redAt: Milestone | null;
  overdueRungs: Array<{ workingDays: number; at: Milestone | null }>;
}

/** Same arithmetic as an item's time limit: day 1 is the first working day after `startedOn`. */
export function requestDeadline(
  calendar: WorkingCalendar,
  startedOn: LocalDate,
  limit: number,
  greenChannel: boolean,
): RequestDeadline {
  const timeLimit = { acceptedOn: startedOn, limit };
  const deadline = computeDeadline(calendar, timeLimit);
  // A request has no special procedures, so its deadline is never paused.
  if (deadline.paused) throw new Error('request deadlines never pause');
  return {
    startedOn,
    limit,
    dueDate: deadline.dueDate,
    dueAt: deadline.dueAt,
    provisional: deadline.provisional,
    yellowAt: yellowAt(calendar, { ...timeLimit, greenChannel }),
    redAt: redAt(calendar, timeLimit),
    overdueRungs: DEFAULT_OVERDUE_ESCALATION_WORKING_DAYS.map((n) => ({
      workingDays: n,
      at: instantWhenOverdueBy(calendar, timeLimit, n),
    })),
  };
}

export interface RequestProgress {
  light: 'green' | 'yellow' | 'red' | null;
  workingDaysLeft: number | null;
  overdueBy: number | null;
}

/** Lights at read time, like items: nothing needs a cron to turn a request red. */
export function requestProgress(
  calendar: WorkingCalendar,
  deadline: { startedOn: LocalDate; limit: number; active: boolean },
  now: Date,
  greenChannel: boolean,
): RequestProgress {
  if (!deadline.active) return { light: null, workingDaysLeft: null, overdueBy: null };
  const progress = assessProgress(calendar, {
    acceptedOn: deadline.startedOn,
    limit: deadline.limit,
    now,
    greenChannel,
  });
  return { light: progress.light, workingDaysLeft: progress.remaining, overdueBy: progress.overdueBy };
}

export const milestoneJson = (m: Milestone | null) =>
  m ? { date: m.date, at: m.at.toISOString(), provisional: m.provisional } : null;
