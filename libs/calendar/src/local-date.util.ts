import { CalendarError } from './calendar.error';

/**
 * A legal (civil) date, `YYYY-MM-DD`, as written on a 受理 receipt or in a holiday notice. It names a
 * day, not an instant: all arithmetic on it is done in UTC so the machine's time zone never leaks in.
 */
export type LocalDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const LOCAL_DATE_PATTERN = /^([1-9]\d{3})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
// China has had no daylight saving time since 1991, so Asia/Shanghai is a fixed UTC+8.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/*
 * Deadline arithmetic validates and converts the same few thousand dates millions of times (a 10,000-row
 * import walks day by day for every action), so both are memoized. Bounded: dates are a small domain.
 */
const MEMO_LIMIT = 100_000;
const validDates = new Set<string>();
const epochDays = new Map<string, number>();
const datesByEpochDay = new Map<number, LocalDate>();

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  if (validDates.has(value)) return true;
  const valid = checkLocalDate(value);
  if (valid && validDates.size < MEMO_LIMIT) validDates.add(value);
  return valid;
}

function checkLocalDate(value: string): boolean {
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number);
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

export function assertLocalDate(value: unknown, field = 'date'): asserts value is LocalDate {
  if (!isLocalDate(value)) {
    throw new CalendarError(
      'calendar.invalid_date',
      `${field} must be a real calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`,
    );
  }
}

export function parseLocalDate(date: LocalDate): { year: number; month: number; day: number } {
  assertLocalDate(date);
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
}

export function formatLocalDate(year: number, month: number, day: number): LocalDate {
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  assertLocalDate(date);
  return date;
}

/** Days since 1970-01-01. */
export function toEpochDay(date: LocalDate): number {
  const known = epochDays.get(date);
  if (known !== undefined) return known;
  const { year, month, day } = parseLocalDate(date);
  const epochDay = Date.UTC(year, month - 1, day) / MS_PER_DAY;
  if (epochDays.size < MEMO_LIMIT) epochDays.set(date, epochDay);
  return epochDay;
}

export function fromEpochDay(epochDay: number): LocalDate {
  if (!Number.isInteger(epochDay)) {
    throw new CalendarError('calendar.invalid_date', `epoch day must be an integer, got ${epochDay}`);
  }
  const known = datesByEpochDay.get(epochDay);
  if (known !== undefined) return known;
  const date = new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
  assertLocalDate(date);
  if (datesByEpochDay.size < MEMO_LIMIT) datesByEpochDay.set(epochDay, date);
  return date;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** `b − a` in calendar days. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

export function isoWeekday(date: LocalDate): IsoWeekday {
  // 1970-01-01 was a Thursday.
  return (((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

export function isWeekend(date: LocalDate): boolean {
  return isoWeekday(date) >= 6;
}

export function yearOf(date: LocalDate): number {
  return parseLocalDate(date).year;
}

export function compareLocalDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  assertLocalDate(a);
  assertLocalDate(b);
  // Fixed-width ISO dates sort chronologically as plain strings.
  return a < b ? -1 : a > b ? 1 : 0;
}

function assertInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new CalendarError('calendar.invalid_instant', `expected a valid Date, got ${String(instant)}`);
  }
}

/** The Asia/Shanghai calendar date on which `instant` falls. */
export function shanghaiDateOf(instant: Date): LocalDate {
  assertInstant(instant);
  return fromEpochDay(Math.floor((instant.getTime() + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}

/** 00:00:00.000 Asia/Shanghai on `date` (16:00Z the day before). */
export function shanghaiStartOfDay(date: LocalDate): Date {
  return new Date(toEpochDay(date) * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

/** 23:59:59.999 Asia/Shanghai on `date` (15:59:59.999Z): the last instant a deadline on that date is met. */
export function shanghaiEndOfDay(date: LocalDate): Date {
  return new Date(shanghaiStartOfDay(date).getTime() + MS_PER_DAY - 1);
}
