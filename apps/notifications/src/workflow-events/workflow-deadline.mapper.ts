import { addDays, daysBetween, shanghaiDateOf, type LocalDate, type WorkingCalendar } from '@daiban/calendar';
import type {
  EnvelopeOf,
  commitmentDeadlineSet,
  itemDeadlineChanged,
  requestDeadlineChanged,
} from '@daiban/contracts';
import type { Deadline, DeadlineInput, DeadlineSubjects } from '../reminders/deadline.types';
import { calendarMemo } from '../shared/calendar-memo.util';

/**
 * Workflow announces a deadline as its due date (pauses and extensions already applied) while the
 * reminder engine takes a time limit. The limit is restated as the counted days from the start to that
 * due date, so both sides agree on the due date and therefore on red and the escalation rungs; yellow
 * comes from the same calendar rule over that span.
 */
function limitReaching(
  calendar: WorkingCalendar,
  start: LocalDate,
  dueDate: LocalDate,
  unit: 'working_days' | 'calendar_days',
): { acceptedOn: LocalDate; limit: number } {
  const acceptedOn = start > dueDate ? dueDate : start;
  const limit =
    unit === 'working_days'
      ? workingDaysBetween(calendar, acceptedOn, dueDate)
      : daysBetween(acceptedOn, dueDate);
  return { acceptedOn, limit };
}

// Distinct spans kept per calendar before starting over.
const spans = calendarMemo<number>(4096);

/**
 * The calendar's count of working days, remembered: a burst of deadline events (a county's import, bench
 * B4) shares a few start and due dates, and walking the days between them was a seventh of the
 * notifications process's CPU per event.
 */
export function workingDaysBetween(calendar: WorkingCalendar, from: LocalDate, to: LocalDate): number {
  return spans(calendar, `${from}/${to}`, () => calendar.workingDaysBetween(from, to).count);
}

export function itemDeadlineInput(
  calendar: WorkingCalendar,
  event: EnvelopeOf<typeof itemDeadlineChanged>,
): DeadlineInput | null {
  const p = event.payload;
  const subjects: DeadlineSubjects = { agentUserId: p.agentUserId ?? null, projectId: p.projectId };
  const base = {
    kind: 'item' as const,
    subjectId: p.itemId,
    title: (p.itemName ?? p.catalogCode).slice(0, 200),
    version: p.deadlineVersion,
    place: p.place,
    major: p.major,
    greenChannel: p.greenChannel,
    subjects,
  };
  if (!p.startedOn) return null;
  if (p.paused || !p.dueDate) {
    // Nothing counts from the day after the start on: a paused deadline has no rungs until it resumes.
    return {
      ...base,
      closed: !p.active,
      timeLimit: {
        acceptedOn: p.startedOn,
        limit: Math.max(p.limit, 1),
        pauses: [{ start: addDays(p.startedOn, 1), end: null }],
      },
    };
  }
  return {
    ...base,
    closed: !p.active,
    timeLimit: { ...limitReaching(calendar, p.startedOn, p.dueDate, 'working_days'), unit: 'working_days' },
  };
}

/** 承诺 and 容缺 deadlines run from the day they were set to a date, counted like a civil-law term. */
export function sideDeadlineInput(
  kind: 'commitment' | 'deficiency',
  calendar: WorkingCalendar,
  event: EnvelopeOf<typeof commitmentDeadlineSet>,
  enterpriseUserIds: string[],
): DeadlineInput {
  const p = event.payload;
  const label = kind === 'commitment' ? '承诺材料' : '容缺材料';
  return {
    kind,
    subjectId: p.itemId,
    title: `${p.itemName ?? p.catalogCode} ${label}`.slice(0, 200),
    version: event.aggregateVersion,
    place: p.place,
    major: p.major,
    greenChannel: p.greenChannel,
    subjects: { agentUserId: p.agentUserId ?? null, enterpriseUserIds, projectId: p.projectId },
    timeLimit: {
      ...limitReaching(calendar, shanghaiDateOf(new Date(event.occurredAt)), p.dueDate, 'calendar_days'),
      unit: 'calendar_days',
    },
  };
}

/**
 * A 企业诉求's answer deadline as workflow announces it: every change is a new version (routing names who
 * owes the answer, reopening restarts the clock), and `active: false` (answered, closed) closes it at that
 * version, which also settles the case where the stop overtakes the start.
 */
export function requestDeadlineInput(
  calendar: WorkingCalendar,
  event: EnvelopeOf<typeof requestDeadlineChanged>,
): DeadlineInput {
  const p = event.payload;
  return {
    kind: 'request',
    subjectId: p.requestId,
    // The event names no category; the request id is what the 诉求 list shows.
    title: `企业诉求 ${p.requestId}`.slice(0, 200),
    version: p.deadlineVersion,
    closed: !p.active,
    // The department it is routed to is the one late (and the one a red 督办单 goes to).
    place: p.toDepartmentCode ? { ...p.place, departmentCodes: [p.toDepartmentCode] } : p.place,
    major: p.major,
    greenChannel: p.greenChannel,
    subjects: { agentUserId: p.toAgentUserId, projectId: p.projectId },
    timeLimit: { ...limitReaching(calendar, p.startedOn, p.dueDate, 'working_days'), unit: 'working_days' },
  };
}

/** The stored deadline again, closed at `version`: closing needs no time limit of its own. */
export function closedDeadlineInput(deadline: Deadline, version: number): DeadlineInput {
  return {
    kind: deadline.kind,
    subjectId: deadline.subjectId,
    title: deadline.title,
    version,
    closed: true,
    timeLimit: {
      acceptedOn: deadline.timeLimit.acceptedOn,
      limit: deadline.timeLimit.limit,
      unit: deadline.timeLimit.unit ?? 'working_days',
      pauses: [...(deadline.timeLimit.pauses ?? [])],
      extension: deadline.timeLimit.extension ?? null,
    },
    place: deadline.place,
    major: deadline.major,
    greenChannel: deadline.greenChannel,
    subjects: deadline.subjects,
  };
}
