import { CalendarError } from './calendar.error';
import { CalendarYear } from './calendar-year.schema';
import { WorkingCalendar } from './working-calendar';

const YEAR_2027: CalendarYear = {
  year: 2027,
  holidays: ['2027-01-01', '2027-02-05', '2027-02-08'],
  makeupWorkdays: ['2027-02-06'],
  source: 'test fixture, not the real 2027 notice',
};

describe('WorkingCalendar', () => {
  const calendar = WorkingCalendar.official();

  it('knows which years it holds', () => {
    expect(calendar.years()).toEqual([2025, 2026]);
    expect(calendar.hasYear(2026)).toBe(true);
    expect(calendar.hasYear(2027)).toBe(false);
    expect(calendar.isProvisional('2027-03-01')).toBe(true);
    expect(calendar.isProvisional('2026-03-01')).toBe(false);
  });

  it('classifies days', () => {
    expect(calendar.dayKind('2026-02-13')).toBe('workday');
    expect(calendar.dayKind('2026-02-14')).toBe('makeup_workday');
    expect(calendar.dayKind('2026-02-16')).toBe('holiday');
    expect(calendar.dayKind('2026-02-15')).toBe('rest_day');
    expect(calendar.dayKind('2026-03-07')).toBe('rest_day');
  });

  it('assumes Monday–Friday for a year without data', () => {
    expect(calendar.isWorkingDay('2027-01-01')).toBe(true); // Fri; surely a holiday once 2027 is loaded
    expect(calendar.isWorkingDay('2027-01-02')).toBe(false);
  });

  describe('addWorkingDays', () => {
    it('counts day 1 as the first working day after the start', () => {
      expect(calendar.addWorkingDays('2026-02-12', 1)).toEqual({ date: '2026-02-13', provisional: false });
      expect(calendar.addWorkingDays('2026-02-12', 2)).toEqual({ date: '2026-02-14', provisional: false });
      expect(calendar.addWorkingDays('2026-02-12', 3)).toEqual({ date: '2026-02-24', provisional: false });
      expect(calendar.addWorkingDays('2026-02-12', 5)).toEqual({ date: '2026-02-26', provisional: false });
      expect(calendar.addWorkingDays('2026-09-29', 7)).toEqual({ date: '2026-10-14', provisional: false });
    });

    it('returns the start itself for zero', () => {
      expect(calendar.addWorkingDays('2026-02-15', 0)).toEqual({ date: '2026-02-15', provisional: false });
    });

    it('skips working days inside pauses, both ends included', () => {
      const pause = { start: '2026-03-04', end: '2026-03-05' };
      expect(calendar.addWorkingDays('2026-03-02', 5).date).toBe('2026-03-09');
      expect(calendar.addWorkingDays('2026-03-02', 5, [pause]).date).toBe('2026-03-11');
    });

    it('marks results that crossed a year without data as provisional', () => {
      expect(calendar.addWorkingDays('2026-12-30', 1)).toEqual({ date: '2026-12-31', provisional: false });
      expect(calendar.addWorkingDays('2026-12-30', 2)).toEqual({ date: '2027-01-01', provisional: true });
      const loaded = calendar.withYear(YEAR_2027);
      expect(loaded.addWorkingDays('2026-12-30', 2)).toEqual({ date: '2027-01-04', provisional: false });
    });

    it('rejects bad arguments', () => {
      expect(() => calendar.addWorkingDays('2026-02-30', 1)).toThrow(CalendarError);
      expect(() => calendar.addWorkingDays('2026-02-12', -1)).toThrow(/non-negative integer/);
      expect(() => calendar.addWorkingDays('2026-02-12', 1.5)).toThrow(/non-negative integer/);
      expect(() =>
        calendar.addWorkingDays('2026-02-12', 1, [{ start: '2026-03-05', end: '2026-03-04' }]),
      ).toThrow(/ends \(2026-03-04\) before it starts/);
    });
  });

  describe('workingDaysBetween', () => {
    it('counts working days in (a, b]', () => {
      expect(calendar.workingDaysBetween('2026-02-12', '2026-02-26')).toEqual({
        count: 5,
        provisional: false,
      });
      expect(calendar.workingDaysBetween('2026-09-30', '2026-10-08').count).toBe(1);
      expect(calendar.workingDaysBetween('2026-02-26', '2026-02-26').count).toBe(0);
      expect(calendar.workingDaysBetween('2026-02-26', '2026-02-12').count).toBe(0);
      expect(calendar.workingDaysBetween('2026-12-31', '2027-01-08')).toEqual({
        count: 6,
        provisional: true,
      });
    });

    it('excludes pauses', () => {
      expect(
        calendar.workingDaysBetween('2026-03-01', '2026-03-31', [
          { start: '2026-03-02', end: '2026-03-03' },
          { start: '2026-03-03', end: '2026-03-06' },
        ]).count,
      ).toBe(22 - 5);
    });
  });

  it('finds the next and previous working day', () => {
    expect(calendar.nextWorkingDay('2026-09-30')).toEqual({ date: '2026-10-08', provisional: false });
    expect(calendar.nextWorkingDay('2026-10-09')).toEqual({ date: '2026-10-10', provisional: false });
    expect(calendar.previousWorkingDay('2026-10-08')).toEqual({ date: '2026-09-30', provisional: false });
    expect(calendar.previousWorkingDay('2026-02-24').date).toBe('2026-02-14');
    expect(calendar.nextWorkingDay('2026-12-31')).toEqual({ date: '2027-01-01', provisional: true });
  });

  describe('construction', () => {
    it('validates its data', () => {
      expect(
        () => new WorkingCalendar([{ year: 2026, holidays: ['2026-10-08'], makeupWorkdays: ['2026-10-07'] }]),
      ).toThrow(/makeupWorkdays\.0: makeupWorkdays\[0\] 2026-10-07 is a weekday/);
      expect(() => new WorkingCalendar([YEAR_2027, YEAR_2027])).toThrow(/2027 is given twice/);
    });

    it('replaces a year with withYear and leaves the original untouched', () => {
      const edited = calendar.withYear({ year: 2026, holidays: [], makeupWorkdays: [] });
      expect(edited.isWorkingDay('2026-10-01')).toBe(true);
      expect(calendar.isWorkingDay('2026-10-01')).toBe(false);
      expect(edited.years()).toEqual([2025, 2026]);
    });

    it('hands out copies of its data', () => {
      const copy = calendar.getYear(2026);
      copy?.holidays.push('2026-03-02');
      expect(calendar.isWorkingDay('2026-03-02')).toBe(true);
      expect(calendar.getYear(2024)).toBeUndefined();
    });
  });
});
