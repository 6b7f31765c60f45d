import { z } from 'zod';
import { isLocalDate, isWeekend, LocalDate } from './local-date.util';

export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;

/** Stable codes in `issue.params.code`, so the API can show its own (Chinese) message for each. */
export const CALENDAR_ISSUE_CODES = {
  outsideYear: 'calendar.date_outside_year',
  duplicate: 'calendar.duplicate_date',
  makeupNotWeekend: 'calendar.makeup_not_weekend',
  holidayAndMakeup: 'calendar.holiday_and_makeup',
} as const;

export const localDateSchema = z
  .string({ error: 'must be a date string written YYYY-MM-DD' })
  .refine(isLocalDate, {
    error: (issue) => `must be a real date written YYYY-MM-DD, got ${JSON.stringify(issue.input)}`,
  });

const dateListSchema = (field: string) =>
  z.array(localDateSchema, { error: `${field} must be an array of YYYY-MM-DD dates` });

/**
 * One year of exceptions to the Monday–Friday week, as published each autumn by the 国务院办公厅.
 * `holidays` are days off (weekend days inside a holiday range may be listed too; they change nothing);
 * `makeupWorkdays` are the weekend days declared working days (调休上班).
 */
export const calendarYearSchema = z
  .strictObject({
    year: z
      .int({ error: 'year must be an integer' })
      .min(MIN_CALENDAR_YEAR, { error: `year must be between ${MIN_CALENDAR_YEAR} and ${MAX_CALENDAR_YEAR}` })
      .max(MAX_CALENDAR_YEAR, {
        error: `year must be between ${MIN_CALENDAR_YEAR} and ${MAX_CALENDAR_YEAR}`,
      }),
    holidays: dateListSchema('holidays'),
    makeupWorkdays: dateListSchema('makeupWorkdays'),
    source: z.string().trim().min(1, { error: 'source must not be empty when given' }).max(500).optional(),
  })
  .superRefine((value, ctx) => {
    const report = (path: (string | number)[], code: string, message: string) =>
      ctx.addIssue({ code: 'custom', path, message, params: { code } });

    const check = (field: 'holidays' | 'makeupWorkdays') => {
      const seen = new Map<LocalDate, number>();
      value[field].forEach((date, index) => {
        const where = `${field}[${index}]`;
        if (!isLocalDate(date)) return;
        if (!date.startsWith(`${value.year}-`)) {
          report(
            [field, index],
            CALENDAR_ISSUE_CODES.outsideYear,
            `${where} ${date} is not in year ${value.year}`,
          );
        }
        const first = seen.get(date);
        if (first !== undefined) {
          report(
            [field, index],
            CALENDAR_ISSUE_CODES.duplicate,
            `${where} ${date} is already listed at ${field}[${first}]`,
          );
        } else {
          seen.set(date, index);
        }
      });
      return seen;
    };

    const holidays = check('holidays');
    check('makeupWorkdays');
    value.makeupWorkdays.forEach((date, index) => {
      if (!isLocalDate(date)) return;
      const where = `makeupWorkdays[${index}]`;
      if (!isWeekend(date)) {
        report(
          ['makeupWorkdays', index],
          CALENDAR_ISSUE_CODES.makeupNotWeekend,
          `${where} ${date} is a weekday; a make-up working day (调休上班) must be a Saturday or Sunday`,
        );
      }
      const holidayIndex = holidays.get(date);
      if (holidayIndex !== undefined) {
        report(
          ['makeupWorkdays', index],
          CALENDAR_ISSUE_CODES.holidayAndMakeup,
          `${where} ${date} is also listed as holidays[${holidayIndex}]; a day cannot be both off and a make-up working day`,
        );
      }
    });
  });

export type CalendarYear = z.infer<typeof calendarYearSchema>;
