import { addDays, isoWeekday, LocalDate } from './local-date.util';
import { OFFICIAL_CALENDARS } from './official-calendars.constant';
import { WorkingCalendar } from './working-calendar';

const WEEKDAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

// Transcribed again from DOMAIN-REFERENCE §7.2, independently of the constant, with the notice's weekdays.
const TABLE: Record<number, { off: [LocalDate, LocalDate][]; makeup: [LocalDate, string][] }> = {
  2025: {
    off: [
      ['2025-01-01', '2025-01-01'],
      ['2025-01-28', '2025-02-04'],
      ['2025-04-04', '2025-04-06'],
      ['2025-05-01', '2025-05-05'],
      ['2025-05-31', '2025-06-02'],
      ['2025-10-01', '2025-10-08'],
    ],
    makeup: [
      ['2025-01-26', 'Sun'],
      ['2025-02-08', 'Sat'],
      ['2025-04-27', 'Sun'],
      ['2025-09-28', 'Sun'],
      ['2025-10-11', 'Sat'],
    ],
  },
  2026: {
    off: [
      ['2026-01-01', '2026-01-03'],
      ['2026-02-15', '2026-02-23'],
      ['2026-04-04', '2026-04-06'],
      ['2026-05-01', '2026-05-05'],
      ['2026-06-19', '2026-06-21'],
      ['2026-09-25', '2026-09-27'],
      ['2026-10-01', '2026-10-07'],
    ],
    makeup: [
      ['2026-01-04', 'Sun'],
      ['2026-02-14', 'Sat'],
      ['2026-02-28', 'Sat'],
      ['2026-05-09', 'Sat'],
      ['2026-09-20', 'Sun'],
      ['2026-10-10', 'Sat'],
    ],
  },
};

function daysOf([first, last]: [LocalDate, LocalDate]): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

describe('OFFICIAL_CALENDARS', () => {
  const calendar = WorkingCalendar.official();

  it('holds 2025 and 2026 with their notices as source', () => {
    expect(OFFICIAL_CALENDARS.map((year) => year.year)).toEqual([2025, 2026]);
    expect(OFFICIAL_CALENDARS[0].source).toContain('国办发明电〔2024〕12号');
    expect(OFFICIAL_CALENDARS[1].source).toContain('2026年部分节假日安排');
    expect(Object.isFrozen(OFFICIAL_CALENDARS[1].holidays)).toBe(true);
  });

  it.each([2025, 2026])('%i matches §7.2 exactly', (year) => {
    const held = OFFICIAL_CALENDARS.find((entry) => entry.year === year);
    expect([...(held?.holidays ?? [])].sort()).toEqual(TABLE[year].off.flatMap(daysOf).sort());
    expect([...(held?.makeupWorkdays ?? [])].sort()).toEqual(TABLE[year].makeup.map(([date]) => date).sort());
  });

  it.each(Object.entries(TABLE).flatMap(([, year]) => year.makeup))(
    'make-up day %s (%s) is a working day',
    (date, weekday) => {
      expect(WEEKDAY_NAMES[isoWeekday(date)]).toBe(weekday);
      expect(calendar.isWorkingDay(date)).toBe(true);
      expect(calendar.dayKind(date)).toBe('makeup_workday');
    },
  );

  it.each(Object.values(TABLE).flatMap((year) => year.off.flatMap(daysOf)))(
    'holiday %s is not a working day',
    (date) => {
      expect(calendar.isWorkingDay(date)).toBe(false);
    },
  );

  it.each([2025, 2026])('every other day of %i is a working day exactly when it is Monday–Friday', (year) => {
    const off = new Set(TABLE[year].off.flatMap(daysOf));
    const makeup = new Set(TABLE[year].makeup.map(([date]) => date));
    for (let day = `${year}-01-01`; day <= `${year}-12-31`; day = addDays(day, 1)) {
      if (off.has(day) || makeup.has(day)) continue;
      expect([day, calendar.isWorkingDay(day)]).toEqual([day, isoWeekday(day) <= 5]);
    }
  });

  it('agrees with the examples from the domain docs', () => {
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true); // Sat, 调休
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true); // Thu right after 国庆
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false); // Wed, 国庆+中秋 2025 runs to the 8th
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false);
  });

  /*
   * Weekdays: both years start on a weekday that the 365th day repeats (2025 Wed, 2026 Thu), so 52×5+1 = 261.
   * 2025: weekday holidays 1+6+1+3+1+6 = 18, make-up days 5  → 261 − 18 + 5 = 248.
   * 2026: weekday holidays 2+6+1+3+1+1+5 = 19, make-up days 6 → 261 − 19 + 6 = 248.
   * Both equal 365 − 104 weekend days − 13 statutory holidays, the count since the 2024 revision added 2 days;
   * the 250 often quoted is the pre-2025 figure (11 holidays).
   */
  it.each([
    [2025, 261, 18, 5, 248],
    [2026, 261, 19, 6, 248],
  ])(
    '%i has %i weekdays, %i weekday holidays, %i make-up days: %i working days',
    (year, weekdays, weekdayOff, makeups, total) => {
      const all = daysOf([`${year}-01-01`, `${year}-12-31`]);
      expect(all.filter((day) => isoWeekday(day) <= 5)).toHaveLength(weekdays);
      expect(TABLE[year].off.flatMap(daysOf).filter((day) => isoWeekday(day) <= 5)).toHaveLength(weekdayOff);
      expect(TABLE[year].makeup).toHaveLength(makeups);
      expect(calendar.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`)).toEqual({
        count: total,
        provisional: false,
      });
      expect(all.filter((day) => calendar.isWorkingDay(day))).toHaveLength(total);
    },
  );
});
