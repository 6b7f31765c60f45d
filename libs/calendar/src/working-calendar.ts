import { CalendarError } from './calendar.error';
import { CalendarYear, calendarYearSchema } from './calendar-year.schema';
import { countCountedDays, DayCheck, walkCountedDays } from './day-counter.util';
import { addDays, assertLocalDate, isWeekend, LocalDate } from './local-date.util';
import { OFFICIAL_CALENDARS } from './official-calendars.constant';
import { assertDateRanges, isInRanges } from './pause.util';
import { DateRange } from './time-limit.types';

export type DayKind = 'workday' | 'rest_day' | 'holiday' | 'makeup_workday';

/** `provisional`: the answer relied on a year with no calendar data (weekdays were assumed to be working days). */
export interface DateResult {
  date: LocalDate;
  provisional: boolean;
}

export interface CountResult {
  count: number;
  provisional: boolean;
}

interface YearData {
  readonly source: CalendarYear;
  readonly holidays: ReadonlySet<LocalDate>;
  readonly makeupWorkdays: ReadonlySet<LocalDate>;
}

/**
 * Working days in Asia/Shanghai: Monday–Friday minus statutory holidays plus 调休 make-up days. Immutable:
 * when an admin edits a year, build a new one with `withYear` and swap it in.
 */
export class WorkingCalendar {
  private readonly data: ReadonlyMap<number, YearData>;

  constructor(years: readonly CalendarYear[] = []) {
    const data = new Map<number, YearData>();
    years.forEach((year, index) => {
      const parsed = calendarYearSchema.safeParse(year);
      if (!parsed.success) {
        const issues = parsed.error.issues
          .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
          .join('; ');
        throw new CalendarError(
          'calendar.invalid_calendar',
          `calendar year at index ${index} is invalid: ${issues}`,
        );
      }
      if (data.has(parsed.data.year)) {
        throw new CalendarError(
          'calendar.invalid_calendar',
          `calendar year ${parsed.data.year} is given twice`,
        );
      }
      data.set(parsed.data.year, {
        source: parsed.data,
        holidays: new Set(parsed.data.holidays),
        makeupWorkdays: new Set(parsed.data.makeupWorkdays),
      });
    });
    this.data = data;
  }

  /** The State Council calendars shipped with the code (2025, 2026). */
  static official(): WorkingCalendar {
    return new WorkingCalendar(OFFICIAL_CALENDARS);
  }

  /** A copy with `year` added, or replacing the data already held for that year. */
  withYear(year: CalendarYear): WorkingCalendar {
    const others = [...this.data.values()]
      .map((held) => held.source)
      .filter((held) => held.year !== year.year);
    return new WorkingCalendar([...others, year]);
  }

  hasYear(year: number): boolean {
    return this.data.has(year);
  }

  years(): number[] {
    return [...this.data.keys()].sort((a, b) => a - b);
  }

  getYear(year: number): CalendarYear | undefined {
    const held = this.data.get(year)?.source;
    return held && { ...held, holidays: [...held.holidays], makeupWorkdays: [...held.makeupWorkdays] };
  }

  /** True when `date` falls in a year without calendar data, so its status is only a weekday guess. */
  isProvisional(date: LocalDate): boolean {
    assertLocalDate(date);
    return !this.data.has(Number(date.slice(0, 4)));
  }

  dayKind(date: LocalDate): DayKind {
    assertLocalDate(date);
    const year = this.data.get(Number(date.slice(0, 4)));
    if (year?.makeupWorkdays.has(date)) return 'makeup_workday';
    if (isWeekend(date)) return 'rest_day';
    if (year?.holidays.has(date)) return 'holiday';
    return 'workday';
  }

  isWorkingDay(date: LocalDate): boolean {
    const kind = this.dayKind(date);
    return kind === 'workday' || kind === 'makeup_workday';
  }

  /** The first working day strictly after `date` that is not inside a pause. */
  nextWorkingDay(date: LocalDate, pauses: readonly DateRange[] = []): DateResult {
    return this.addWorkingDays(date, 1, pauses);
  }

  /** The last working day strictly before `date` that is not inside a pause. */
  previousWorkingDay(date: LocalDate, pauses: readonly DateRange[] = []): DateResult {
    assertLocalDate(date);
    assertDateRanges(pauses);
    const check = this.workingDayCheck(pauses);
    let provisional = false;
    for (let day = date; ;) {
      day = addDays(day, -1);
      const result = check(day);
      provisional ||= result.provisional;
      if (result.counted) return { date: day, provisional };
    }
  }

  /**
   * The `n`th working day after `from` (day 1 = first working day after it), skipping days inside
   * `pauses` (both ends included). `n = 0` returns `from` itself.
   */
  addWorkingDays(from: LocalDate, n: number, pauses: readonly DateRange[] = []): DateResult {
    assertLocalDate(from, 'from');
    assertCount(n);
    assertDateRanges(pauses);
    const walk = walkCountedDays(from, n, this.workingDayCheck(pauses));
    if (!walk.reached) throw new Error('unreachable: a walk without a stop always reaches its day');
    return { date: walk.date, provisional: walk.provisional };
  }

  /** Working days in (a, b] outside `pauses`; zero when b is not after a. */
  workingDaysBetween(a: LocalDate, b: LocalDate, pauses: readonly DateRange[] = []): CountResult {
    assertLocalDate(a, 'a');
    assertLocalDate(b, 'b');
    assertDateRanges(pauses);
    return countCountedDays(a, b, this.workingDayCheck(pauses));
  }

  /** @internal the predicate the deadline arithmetic walks with. */
  workingDayCheck(pauses: readonly DateRange[] = []): (date: LocalDate) => DayCheck {
    return (date) => ({
      counted: this.isWorkingDay(date) && !isInRanges(date, pauses),
      provisional: this.isProvisional(date),
    });
  }
}

function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new CalendarError('calendar.invalid_time_limit', `n must be a non-negative integer, got ${n}`);
  }
}
