import {
  DEFAULT_OVERDUE_ESCALATION_WORKING_DAYS,
  computeDeadline,
  instantWhenOverdueBy,
  redAt,
  yellowAt,
  type TimeLimit,
  type WorkingCalendar,
} from '@daiban/calendar';
import type { ReminderRung } from '@daiban/contracts';
import { calendarMemo } from '../shared/calendar-memo.util';
import type { DeadlineStatus, ParsedDeadlineInput } from './deadline.types';

export interface RungSchedule {
  status: DeadlineStatus;
  dueAt: Date | null;
  provisional: boolean;
  rungs: Array<{ rung: ReminderRung; fireAt: Date }>;
}

export function timeLimitOf(input: ParsedDeadlineInput): TimeLimit {
  return {
    acceptedOn: input.timeLimit.acceptedOn,
    limit: input.timeLimit.limit,
    unit: input.timeLimit.unit,
    pauses: input.timeLimit.pauses,
    extension: input.timeLimit.extension,
  };
}

/**
 * The ladder of DOMAIN.md as instants: yellow when the light turns yellow, red the millisecond after the
 * due date ends, escalations at 3 and 10 working days overdue. On a major project rung 3 fires at red
 * (`major_red`) instead of at 3 working days. A paused or closed deadline has no rungs at all.
 */
export function scheduleRungs(
  calendar: WorkingCalendar,
  input: ParsedDeadlineInput,
  escalationDays: readonly number[] = DEFAULT_OVERDUE_ESCALATION_WORKING_DAYS,
): RungSchedule {
  if (input.closed) return { status: 'closed', dueAt: null, provisional: false, rungs: [] };
  const limit = timeLimitOf(input);
  const deadline = computeDeadline(calendar, limit);
  if (deadline.paused) {
    return { status: 'paused', dueAt: null, provisional: deadline.provisional, rungs: [] };
  }
  const [first, second] = escalationDays;
  const rungs: RungSchedule['rungs'] = [];
  const add = (rung: ReminderRung, at: { at: Date } | null) => {
    if (at) rungs.push({ rung, fireAt: at.at });
  };
  const red = redAt(calendar, limit);
  add('yellow', yellowAt(calendar, { ...limit, greenChannel: input.greenChannel }));
  add('red', red);
  if (input.major) add('major_red', red);
  else add('escalate_3wd', instantWhenOverdueBy(calendar, limit, first));
  add('escalate_10wd', instantWhenOverdueBy(calendar, limit, second));
  return { status: 'open', dueAt: deadline.dueAt, provisional: deadline.provisional, rungs };
}

// Distinct ladders kept per calendar before starting over: a county's import has a few hundred.
const ladders = calendarMemo<RungSchedule>(4096);

/**
 * `scheduleRungs` with the default escalation, remembered by everything the ladder reads. A burst of
 * deadline changes (a county's import, bench B4) shares a few start dates and limits, and walking the
 * calendar for each was a tenth of the notifications process's CPU. The answer is a fresh copy, so a
 * caller can never change a remembered one.
 */
export function rememberedSchedule(calendar: WorkingCalendar, input: ParsedDeadlineInput): RungSchedule {
  const { acceptedOn, limit, unit, pauses, extension } = input.timeLimit;
  const key = JSON.stringify([
    input.closed,
    input.major,
    input.greenChannel,
    acceptedOn,
    limit,
    unit,
    pauses.map((p) => [p.start, p.end]),
    extension?.limit ?? null,
  ]);
  const schedule = ladders(calendar, key, () => scheduleRungs(calendar, input));
  return {
    status: schedule.status,
    dueAt: schedule.dueAt && new Date(schedule.dueAt.getTime()),
    provisional: schedule.provisional,
    rungs: schedule.rungs.map((r) => ({ rung: r.rung, fireAt: new Date(r.fireAt.getTime()) })),
  };
}
