import { fromEpochDay, LocalDate, toEpochDay } from './local-date.util';

export interface DayCheck {
  counted: boolean;
  /** The answer relied on a year that has no calendar data. */
  provisional: boolean;
}

export type DayPredicate = (date: LocalDate) => DayCheck;

export type WalkResult =
  | { reached: true; date: LocalDate; provisional: boolean }
  | { reached: false; counted: number; provisional: boolean };

/**
 * The `n`th counted day after `from` (DOMAIN-REFERENCE §7.3). Days on or after `stopAt` are never
 * examined: an open pause makes every later day uncountable, so the walk would not end.
 */
export function walkCountedDays(
  from: LocalDate,
  n: number,
  check: DayPredicate,
  stopAt: LocalDate | null = null,
): WalkResult {
  let epochDay = toEpochDay(from);
  let date = from;
  let counted = 0;
  let provisional = false;
  while (counted < n) {
    epochDay += 1;
    date = fromEpochDay(epochDay);
    if (stopAt !== null && date >= stopAt) return { reached: false, counted, provisional };
    const day = check(date);
    provisional ||= day.provisional;
    if (day.counted) counted += 1;
  }
  return { reached: true, date, provisional };
}

/** Counted days in the half-open interval (a, b]; zero when b is not after a. */
export function countCountedDays(
  a: LocalDate,
  b: LocalDate,
  check: DayPredicate,
): { count: number; provisional: boolean } {
  let count = 0;
  let provisional = false;
  const last = toEpochDay(b);
  for (let epochDay = toEpochDay(a) + 1; epochDay <= last; epochDay += 1) {
    const day = check(fromEpochDay(epochDay));
    provisional ||= day.provisional;
    if (day.counted) count += 1;
  }
  return { count, provisional };
}
