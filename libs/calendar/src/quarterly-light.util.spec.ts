import { CalendarError } from './calendar.error';
import { assessQuarter, DEFAULT_QUARTERLY_THRESHOLDS, Quarter, quarterlyLight } from './quarterly-light.util';

describe('quarterlyLight', () => {
  it.each([
    [3, 'yellow'], // 30 % vs 50 %: 20 points behind
    [1, 'red'], // 10 % vs 50 %: 40 points behind
    [5, 'green'], // on schedule
  ])('target 10, end of Q2, %i started → %s (DOMAIN.md)', (actual, expected) => {
    expect(quarterlyLight({ actual, annualTarget: 10, quarter: 2 })).toBe(expected);
  });

  it.each([
    [10, 2, 4, 'yellow'], // exactly 10 behind
    [10, 2, 2, 'yellow'], // exactly 30 behind
    [100, 2, 19, 'red'], // 31 behind
    [100, 2, 41, 'green'], // 9 behind
    [10, 4, 9, 'yellow'],
    [3, 1, 0, 'yellow'], // 25 behind
    [3, 3, 1, 'red'], // 33.3… vs 75
    [10, 1, 12, 'green'], // ahead of the whole year
    [5, 4, 5, 'green'],
  ] as [number, Quarter, number, string][])(
    'target %i, Q%i, actual %i → %s',
    (annualTarget, quarter, actual, expected) => {
      expect(quarterlyLight({ actual, annualTarget, quarter })).toBe(expected);
    },
  );

  it('reports the figures behind the light', () => {
    expect(assessQuarter({ actual: 3, annualTarget: 10, quarter: 2 })).toEqual({
      light: 'yellow',
      completionPercent: 30,
      expectedPercent: 50,
      behindPoints: 20,
    });
  });

  it('works on areas in 亩', () => {
    expect(quarterlyLight({ actual: 212.5, annualTarget: 500, quarter: 2 })).toBe('green'); // 42.5 %
    expect(quarterlyLight({ actual: 200, annualTarget: 500, quarter: 2 })).toBe('yellow'); // 40 %
  });

  it('is green when nothing is expected', () => {
    expect(quarterlyLight({ actual: 0, annualTarget: 0, quarter: 3 })).toBe('green');
  });

  it('takes configured thresholds', () => {
    expect(DEFAULT_QUARTERLY_THRESHOLDS).toEqual({ yellowBehindPoints: 10, redBehindPoints: 30 });
    expect(
      quarterlyLight({ actual: 3, annualTarget: 10, quarter: 2, thresholds: { redBehindPoints: 15 } }),
    ).toBe('red');
    expect(() =>
      quarterlyLight({ actual: 3, annualTarget: 10, quarter: 2, thresholds: { yellowBehindPoints: 40 } }),
    ).toThrow(CalendarError);
  });

  it('rejects nonsense', () => {
    expect(() => quarterlyLight({ actual: 1, annualTarget: 10, quarter: 5 as Quarter })).toThrow(
      /quarter must be/,
    );
    expect(() => quarterlyLight({ actual: -1, annualTarget: 10, quarter: 1 })).toThrow(CalendarError);
    expect(() => quarterlyLight({ actual: 1, annualTarget: Number.NaN, quarter: 1 })).toThrow(CalendarError);
  });
});
