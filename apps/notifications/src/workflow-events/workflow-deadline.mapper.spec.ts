import { WorkingCalendar, addDays } from '@daiban/calendar';
import { workingDaysBetween } from './workflow-deadline.mapper';

const calendar = WorkingCalendar.official();

describe('workingDaysBetween', () => {
  it('counts what the calendar counts, across holidays and into a year without data, asked once or again', () => {
    const pairs: Array<[string, string]> = [];
    for (let start = 0; start < 800; start += 13) {
      const from = addDays('2025-01-01', start);
      for (const span of [0, 1, 6, 20, 45, 120]) pairs.push([from, addDays(from, span)]);
    }
    for (const round of [1, 2]) {
      for (const [from, to] of pairs) {
        expect({ round, from, to, count: workingDaysBetween(calendar, from, to) }).toEqual({
          round,
          from,
          to,
          count: calendar.workingDaysBetween(from, to).count,
        });
      }
    }
  });

  it('follows an edited calendar (a new instance): no count of the old one is reused', () => {
    const before = workingDaysBetween(calendar, '2026-09-29', '2026-10-16');
    const edited = calendar.withYear({
      ...calendar.getYear(2026)!,
      holidays: [...calendar.getYear(2026)!.holidays, '2026-10-09', '2026-10-13'],
    });
    const after = workingDaysBetween(edited, '2026-09-29', '2026-10-16');
    expect(after).toBe(edited.workingDaysBetween('2026-09-29', '2026-10-16').count);
    expect(after).toBe(before - 2);
  });

  it('still refuses a date that is not one', () => {
    expect(() => workingDaysBetween(calendar, '2026-02-30', '2026-03-10')).toThrow();
    expect(() => workingDaysBetween(calendar, '2026-02-30', '2026-03-10')).toThrow();
  });
});
