import { CalendarError } from './calendar.error';
import { isLocalDate, LocalDate } from './local-date.util';
import { DateRange, Pause } from './time-limit.types';

export function assertDateRanges(ranges: readonly DateRange[], field = 'pauses'): void {
  ranges.forEach((range, index) => assertPause(range, `${field}[${index}]`, false));
}

function assertPause(pause: Pause, where: string, allowOpen: boolean): void {
  if (!isLocalDate(pause.start)) {
    throw new CalendarError('calendar.invalid_pause', `${where}.start must be a YYYY-MM-DD date`);
  }
  if (pause.end === null) {
    if (!allowOpen) throw new CalendarError('calendar.invalid_pause', `${where}.end must be a date`);
    return;
  }
  if (!isLocalDate(pause.end)) {
    throw new CalendarError('calendar.invalid_pause', `${where}.end must be a YYYY-MM-DD date or null`);
  }
  if (pause.end < pause.start) {
    throw new CalendarError(
      'calendar.invalid_pause',
      `${where} ends (${pause.end}) before it starts (${pause.start})`,
    );
  }
}

export function isInRanges(date: LocalDate, ranges: readonly DateRange[]): boolean {
  return ranges.some((range) => range.start <= date && date <= range.end);
}

export interface SplitPauses {
  closed: DateRange[];
  /** Start of the earliest open pause: no day from here on counts. */
  openFrom: LocalDate | null;
}

export function splitPauses(pauses: readonly Pause[] = []): SplitPauses {
  const closed: DateRange[] = [];
  let openFrom: LocalDate | null = null;
  pauses.forEach((pause, index) => {
    assertPause(pause, `pauses[${index}]`, true);
    if (pause.end === null) {
      if (openFrom === null || pause.start < openFrom) openFrom = pause.start;
    } else {
      closed.push({ start: pause.start, end: pause.end });
    }
  });
  return { closed, openFrom };
}

/**
 * Pauses as they stand at the end of `on`: an open pause is taken to run through `on`, and one that has
 * not begun by then is dropped. Also how a "what if it resumes tomorrow" due date is projected:
 * `computeDeadline({ ...limit, pauses: closeOpenPauses(limit.pauses, today) })`.
 */
export function closeOpenPauses(pauses: readonly Pause[] = [], on: LocalDate): DateRange[] {
  const { closed, openFrom } = splitPauses(pauses);
  if (openFrom !== null && openFrom <= on) closed.push({ start: openFrom, end: on });
  return closed;
}
