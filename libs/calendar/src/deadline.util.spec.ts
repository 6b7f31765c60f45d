import { CalendarError } from './calendar.error';
import { CalendarYear } from './calendar-year.schema';
import { computeDeadline } from './deadline.util';
import { closeOpenPauses } from './pause.util';
import { TimeLimit } from './time-limit.types';
import { WorkingCalendar } from './working-calendar';

const calendar = WorkingCalendar.official();
const YEAR_2027: CalendarYear = { year: 2027, holidays: ['2027-01-01'], makeupWorkdays: [] };

// March 2026 has no holiday: Mon 03-02 + 10 WD = Mon 03-16.
const MARCH: TimeLimit = { acceptedOn: '2026-03-02', limit: 10 };

function dueDateOf(input: TimeLimit) {
  const deadline = computeDeadline(calendar, input);
  if (deadline.paused) throw new Error('expected a running deadline');
  return deadline.dueDate;
}

describe('computeDeadline', () => {
  describe('worked examples (DOMAIN.md)', () => {
    it('accepted Thu 2026-02-12, 5 WD → 2026-02-26 (Sat 02-14 make-up day, 02-15…23 off)', () => {
      expect(
        computeDeadline(calendar, { acceptedOn: '2026-02-12', limit: 5, unit: 'working_days', pauses: [] }),
      ).toEqual({
        paused: false,
        dueDate: '2026-02-26',
        dueAt: new Date('2026-02-26T15:59:59.999Z'),
        provisional: false,
        limit: 5,
        unit: 'working_days',
      });
    });

    it('accepted Tue 2026-09-29, 7 WD → 2026-10-14 (10-01…07 off, Sat 10-10 make-up day)', () => {
      expect(computeDeadline(calendar, { acceptedOn: '2026-09-29', limit: 7 })).toMatchObject({
        dueDate: '2026-10-14',
        dueAt: new Date('2026-10-14T15:59:59.999Z'),
        provisional: false,
      });
    });
  });

  it('defaults to working days and is due on the acceptance day for a zero limit', () => {
    expect(dueDateOf(MARCH)).toBe('2026-03-16');
    expect(dueDateOf({ ...MARCH, limit: 0 })).toBe('2026-03-02');
    expect(dueDateOf({ acceptedOn: '2026-03-07', limit: 0, unit: 'calendar_days' })).toBe('2026-03-07');
  });

  it('replaces the limit with an approved extension', () => {
    expect(computeDeadline(calendar, { ...MARCH, extension: { limit: 20 } })).toMatchObject({
      dueDate: '2026-03-30',
      limit: 20,
    });
    expect(computeDeadline(calendar, { ...MARCH, extension: null })).toMatchObject({
      dueDate: '2026-03-16',
      limit: 10,
    });
  });

  describe('closed pauses', () => {
    it('do not count the working days inside them, both ends included', () => {
      expect(dueDateOf({ ...MARCH, pauses: [{ start: '2026-03-06', end: '2026-03-10' }] })).toBe(
        '2026-03-19',
      );
      expect(dueDateOf({ ...MARCH, pauses: [{ start: '2026-03-06', end: '2026-03-06' }] })).toBe(
        '2026-03-17',
      );
    });

    it('change nothing when before acceptance or after the due date', () => {
      expect(dueDateOf({ ...MARCH, pauses: [{ start: '2026-02-20', end: '2026-03-02' }] })).toBe(
        '2026-03-16',
      );
      expect(dueDateOf({ ...MARCH, pauses: [{ start: '2026-03-17', end: '2026-03-20' }] })).toBe(
        '2026-03-16',
      );
    });

    it('count overlapping days once', () => {
      const pauses = [
        { start: '2026-03-04', end: '2026-03-06' },
        { start: '2026-03-05', end: '2026-03-09' },
      ];
      expect(dueDateOf({ ...MARCH, pauses })).toBe('2026-03-20');
    });
  });

  describe('open pauses', () => {
    it('stop the clock: no due date, only the working days still to run', () => {
      expect(computeDeadline(calendar, { ...MARCH, pauses: [{ start: '2026-03-06', end: null }] })).toEqual({
        paused: true,
        dueDate: null,
        dueAt: null,
        pausedSince: '2026-03-06',
        remaining: 7,
        provisional: false,
        limit: 10,
        unit: 'working_days',
      });
    });

    it('started on the due date leave one day, started on acceptance leave all of them', () => {
      expect(
        computeDeadline(calendar, { ...MARCH, pauses: [{ start: '2026-03-16', end: null }] }),
      ).toMatchObject({
        paused: true,
        remaining: 1,
      });
      expect(
        computeDeadline(calendar, { ...MARCH, pauses: [{ start: '2026-03-02', end: null }] }),
      ).toMatchObject({
        paused: true,
        remaining: 10,
      });
    });

    it('started after the due date change nothing', () => {
      expect(
        computeDeadline(calendar, { ...MARCH, pauses: [{ start: '2026-03-17', end: null }] }),
      ).toMatchObject({
        paused: false,
        dueDate: '2026-03-16',
      });
    });

    it('with several open, the earliest one stops the clock', () => {
      const pauses = [
        { start: '2026-03-10', end: null },
        { start: '2026-03-04', end: '2026-03-04' },
        { start: '2026-03-06', end: null },
      ];
      expect(computeDeadline(calendar, { ...MARCH, pauses })).toMatchObject({
        pausedSince: '2026-03-06',
        remaining: 8,
      });
    });

    it('when closed, give the due date the item will have', () => {
      const pauses = closeOpenPauses([{ start: '2026-03-06', end: null }], '2026-03-10');
      expect(pauses).toEqual([{ start: '2026-03-06', end: '2026-03-10' }]);
      expect(dueDateOf({ ...MARCH, pauses })).toBe('2026-03-19');
      expect(closeOpenPauses([{ start: '2026-03-12', end: null }], '2026-03-10')).toEqual([]);
    });
  });

  describe('calendar days', () => {
    const days = (acceptedOn: string, limit: number, pauses: TimeLimit['pauses'] = []) =>
      computeDeadline(calendar, { acceptedOn, limit, unit: 'calendar_days', pauses });

    it('count every day and keep a working last day', () => {
      expect(days('2026-03-02', 10)).toMatchObject({
        dueDate: '2026-03-12',
        unit: 'calendar_days',
        limit: 10,
      });
    });

    it('move a last day that is not a working day to the next working day', () => {
      expect(days('2026-03-03', 5)).toMatchObject({ dueDate: '2026-03-09' }); // Sun 03-08 → Mon
      expect(days('2026-09-28', 5)).toMatchObject({ dueDate: '2026-10-08' }); // 10-03 in 国庆 → Thu 10-08
    });

    it('keep a last day that is a 调休 Saturday', () => {
      expect(days('2026-10-05', 5)).toMatchObject({ dueDate: '2026-10-10' });
    });

    it('do not count the days inside pauses, weekends included', () => {
      // 03-05…07 excluded: the 10th day is Sun 03-15, moved to Mon 03-16.
      expect(days('2026-03-02', 10, [{ start: '2026-03-05', end: '2026-03-07' }])).toMatchObject({
        dueDate: '2026-03-16',
      });
    });

    it('stop at an open pause', () => {
      expect(days('2026-03-02', 10, [{ start: '2026-03-05', end: null }])).toMatchObject({
        paused: true,
        remaining: 8,
      });
      // All five days ran out on Sun 03-08; the move to a working day waits for the pause to end.
      expect(days('2026-03-03', 5, [{ start: '2026-03-09', end: null }])).toMatchObject({
        paused: true,
        remaining: 0,
      });
    });

    it('are provisional only when the last day falls in a year without data', () => {
      expect(days('2026-12-20', 5)).toMatchObject({ dueDate: '2026-12-25', provisional: false });
      expect(days('2026-12-28', 5)).toMatchObject({ dueDate: '2027-01-04', provisional: true });
      expect(days('2026-12-27', 5)).toMatchObject({ dueDate: '2027-01-01', provisional: true });
      expect(
        computeDeadline(calendar.withYear(YEAR_2027), {
          acceptedOn: '2026-12-27',
          limit: 5,
          unit: 'calendar_days',
        }),
      ).toMatchObject({ dueDate: '2027-01-04', provisional: false });
    });
  });

  describe('years without calendar data', () => {
    it('are counted on weekdays and marked provisional until loaded', () => {
      const input = { acceptedOn: '2026-12-24', limit: 6 };
      expect(computeDeadline(calendar, input)).toMatchObject({ dueDate: '2027-01-01', provisional: true });
      expect(computeDeadline(calendar.withYear(YEAR_2027), input)).toMatchObject({
        dueDate: '2027-01-04',
        provisional: false,
      });
    });

    it('leave a deadline inside known years firm', () => {
      expect(computeDeadline(calendar, { acceptedOn: '2026-12-24', limit: 5 })).toMatchObject({
        dueDate: '2026-12-31',
        provisional: false,
      });
    });

    it('mark a paused deadline provisional when the days already counted were guessed', () => {
      expect(
        computeDeadline(calendar, {
          acceptedOn: '2026-12-30',
          limit: 5,
          pauses: [{ start: '2027-01-05', end: null }],
        }),
      ).toMatchObject({ paused: true, remaining: 2, provisional: true });
    });
  });

  it('rejects invalid input', () => {
    const bad: TimeLimit[] = [
      { acceptedOn: '2026-02-30', limit: 5 },
      { acceptedOn: '2026-03-02', limit: -1 },
      { acceptedOn: '2026-03-02', limit: 2.5 },
      { acceptedOn: '2026-03-02', limit: 5, extension: { limit: Number.NaN } },
      { acceptedOn: '2026-03-02', limit: 5, unit: 'hours' as never },
      { acceptedOn: '2026-03-02', limit: 5, pauses: [{ start: '2026-03-05', end: '2026-03-04' }] },
      { acceptedOn: '2026-03-02', limit: 5, pauses: [{ start: 'soon', end: null }] },
    ];
    for (const input of bad) expect(() => computeDeadline(calendar, input)).toThrow(CalendarError);
  });
});
