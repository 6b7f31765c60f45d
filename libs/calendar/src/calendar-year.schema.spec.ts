import { z } from 'zod';
import { CALENDAR_ISSUE_CODES, calendarYearSchema } from './calendar-year.schema';
import { OFFICIAL_CALENDARS } from './official-calendars.constant';

function issuesOf(value: unknown) {
  const result = calendarYearSchema.safeParse(value);
  if (result.success) throw new Error('expected the value to be rejected');
  return result.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: issue.message,
    code: (issue as { params?: { code?: string } }).params?.code,
  }));
}

describe('calendarYearSchema', () => {
  it('accepts the official calendars', () => {
    for (const year of OFFICIAL_CALENDARS) expect(calendarYearSchema.parse(year)).toEqual(year);
  });

  it('accepts a year without exceptions and without source', () => {
    expect(calendarYearSchema.parse({ year: 2027, holidays: [], makeupWorkdays: [] })).toEqual({
      year: 2027,
      holidays: [],
      makeupWorkdays: [],
    });
  });

  it('names the field of a malformed date', () => {
    expect(issuesOf({ year: 2026, holidays: ['2026-02-30', '2026/10/01'], makeupWorkdays: [] })).toEqual([
      expect.objectContaining({ path: 'holidays.0', message: expect.stringContaining('"2026-02-30"') }),
      expect.objectContaining({ path: 'holidays.1', message: expect.stringContaining('YYYY-MM-DD') }),
    ]);
  });

  it('rejects dates outside the year', () => {
    expect(issuesOf({ year: 2026, holidays: ['2027-01-01'], makeupWorkdays: ['2025-12-27'] })).toEqual([
      {
        path: 'holidays.0',
        code: CALENDAR_ISSUE_CODES.outsideYear,
        message: 'holidays[0] 2027-01-01 is not in year 2026',
      },
      {
        path: 'makeupWorkdays.0',
        code: CALENDAR_ISSUE_CODES.outsideYear,
        message: 'makeupWorkdays[0] 2025-12-27 is not in year 2026',
      },
    ]);
  });

  it('rejects duplicates, pointing at the repeat and the first occurrence', () => {
    expect(
      issuesOf({ year: 2026, holidays: ['2026-10-01', '2026-10-02', '2026-10-01'], makeupWorkdays: [] }),
    ).toEqual([
      {
        path: 'holidays.2',
        code: CALENDAR_ISSUE_CODES.duplicate,
        message: 'holidays[2] 2026-10-01 is already listed at holidays[0]',
      },
    ]);
    expect(
      issuesOf({ year: 2026, holidays: [], makeupWorkdays: ['2026-10-10', '2026-10-10'] })[0],
    ).toMatchObject({
      path: 'makeupWorkdays.1',
      code: CALENDAR_ISSUE_CODES.duplicate,
    });
  });

  it('rejects a make-up working day on a weekday', () => {
    expect(issuesOf({ year: 2026, holidays: [], makeupWorkdays: ['2026-10-08'] })).toEqual([
      {
        path: 'makeupWorkdays.0',
        code: CALENDAR_ISSUE_CODES.makeupNotWeekend,
        message: expect.stringMatching(/^makeupWorkdays\[0\] 2026-10-08 is a weekday/),
      },
    ]);
  });

  it('rejects a day that is both a holiday and a make-up day', () => {
    expect(issuesOf({ year: 2026, holidays: ['2026-10-03'], makeupWorkdays: ['2026-10-03'] })).toEqual([
      {
        path: 'makeupWorkdays.0',
        code: CALENDAR_ISSUE_CODES.holidayAndMakeup,
        message: expect.stringContaining('also listed as holidays[0]'),
      },
    ]);
  });

  it('rejects a bad year, missing lists and unknown fields with readable messages', () => {
    const result = calendarYearSchema.safeParse({ year: 26, holidays: '2026-01-01', makeupDays: [] });
    expect(result.success).toBe(false);
    const pretty = z.prettifyError((result as { error: z.ZodError }).error);
    expect(pretty).toContain('year must be between 2000 and 2100');
    expect(pretty).toContain('holidays must be an array of YYYY-MM-DD dates');
    expect(pretty).toContain('makeupWorkdays must be an array of YYYY-MM-DD dates');
    expect(pretty).toContain('makeupDays');
    expect(issuesOf({ year: 2026.5, holidays: [], makeupWorkdays: [] })[0]).toMatchObject({
      path: 'year',
      message: 'year must be an integer',
    });
  });
});
