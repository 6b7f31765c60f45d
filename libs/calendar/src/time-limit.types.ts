import { LocalDate } from './local-date.util';

/** Both ends included: `start` is the first day not counted, `end` the last. */
export interface DateRange {
  start: LocalDate;
  end: LocalDate;
}

/**
 * A special procedure (专家评审, 公示, 听证, 检测…) during which the time limit does not run (行政许可法
 * 第45条). `end: null` means it is still going on: every day from `start` on is excluded until it ends.
 */
export interface Pause {
  start: LocalDate;
  end: LocalDate | null;
}

export type TimeLimitUnit = 'working_days' | 'calendar_days';

/** An approved extension (延期) replaces the limit; it is counted from the same acceptance date. */
export interface Extension {
  limit: number;
}

export interface TimeLimit {
  /** The 受理 date; day 1 is the first counted day after it. */
  acceptedOn: LocalDate;
  limit: number;
  /** Defaults to `working_days`. */
  unit?: TimeLimitUnit;
  pauses?: readonly Pause[];
  extension?: Extension | null;
}
