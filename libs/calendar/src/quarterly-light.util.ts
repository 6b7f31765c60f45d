import { z } from 'zod';
import { CalendarError } from './calendar.error';
import { Light } from './light-thresholds.constant';

export const quarterlyThresholdsSchema = z
  .strictObject({
    /** Yellow from this many percentage points behind pro-rata. */
    yellowBehindPoints: z.number().min(0),
    /** Red when more than this many points behind. */
    redBehindPoints: z.number().min(0),
  })
  .refine((t) => t.redBehindPoints >= t.yellowBehindPoints, {
    error: 'redBehindPoints must not be below yellowBehindPoints',
    path: ['redBehindPoints'],
  });

export type QuarterlyThresholds = z.infer<typeof quarterlyThresholdsSchema>;

/** DOMAIN.md "Quarterly tracking" (adapted from 银川's 序时进度 rule, DOMAIN-REFERENCE §6.2). */
export const DEFAULT_QUARTERLY_THRESHOLDS: Readonly<QuarterlyThresholds> = Object.freeze({
  yellowBehindPoints: 10,
  redBehindPoints: 30,
});

export type Quarter = 1 | 2 | 3 | 4;

export interface QuarterlyInput {
  /** Year-to-date count (新开工, 新投产) or area in 亩 (新收储, 新盘活) at the end of the quarter. */
  actual: number;
  annualTarget: number;
  quarter: Quarter;
  thresholds?: Partial<QuarterlyThresholds>;
}

export interface QuarterlyProgress {
  light: Light;
  /** actual ÷ target, in percent. */
  completionPercent: number;
  /** q ÷ 4, in percent. */
  expectedPercent: number;
  /** Percentage points behind pro-rata; negative when ahead. */
  behindPoints: number;
}

/**
 * Year-to-date completion against the pro-rata expectation q/4: green when fewer than 10 points behind,
 * yellow from 10 up to 30 behind (both included), red when more than 30 behind. A target of zero expects
 * nothing, so it is green.
 */
export function assessQuarter(input: QuarterlyInput): QuarterlyProgress {
  const { actual, annualTarget, quarter } = input;
  if (![1, 2, 3, 4].includes(quarter)) {
    throw new CalendarError('calendar.invalid_quarter', `quarter must be 1, 2, 3 or 4, got ${quarter}`);
  }
  if (!Number.isFinite(actual) || actual < 0 || !Number.isFinite(annualTarget) || annualTarget < 0) {
    throw new CalendarError(
      'calendar.invalid_quarter',
      `actual and annualTarget must be non-negative numbers, got ${actual} and ${annualTarget}`,
    );
  }
  const parsed = quarterlyThresholdsSchema.safeParse({
    ...DEFAULT_QUARTERLY_THRESHOLDS,
    ...input.thresholds,
  });
  if (!parsed.success) {
    throw new CalendarError(
      'calendar.invalid_thresholds',
      parsed.error.issues.map((i) => i.message).join('; '),
    );
  }
  const thresholds = parsed.data;
  const expectedPercent = quarter * 25;
  if (annualTarget === 0) {
    return { light: 'green', completionPercent: 100, expectedPercent, behindPoints: 0 };
  }
  // Compared multiplied by the target, so integer counts never meet a rounding error at 10 or 30 points.
  const behindTimesTarget = expectedPercent * annualTarget - 100 * actual;
  const light: Light =
    behindTimesTarget > thresholds.redBehindPoints * annualTarget
      ? 'red'
      : behindTimesTarget >= thresholds.yellowBehindPoints * annualTarget
        ? 'yellow'
        : 'green';
  return {
    light,
    completionPercent: (100 * actual) / annualTarget,
    expectedPercent,
    behindPoints: behindTimesTarget / annualTarget,
  };
}

export function quarterlyLight(input: QuarterlyInput): Light {
  return assessQuarter(input).light;
}
