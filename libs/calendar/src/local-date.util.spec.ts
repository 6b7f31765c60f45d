import {
  addDays,
  compareLocalDates,
  daysBetween,
  formatLocalDate,
  fromEpochDay,
  isLocalDate,
  isoWeekday,
  isWeekend,
  parseLocalDate,
  shanghaiDateOf,
  shanghaiEndOfDay,
  shanghaiStartOfDay,
  toEpochDay,
  yearOf,
} from './local-date.util';

describe('LocalDate', () => {
  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2024-02-29')).toBe(true);
    for (const bad of [
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-1-5',
      '20260105',
      '2026-01-05T00:00',
      '',
      20260105,
    ]) {
      expect(isLocalDate(bad)).toBe(false);
    }
    expect(() => parseLocalDate('2026-02-30')).toThrow(/YYYY-MM-DD/);
  });

  it('parses and formats', () => {
    expect(parseLocalDate('2026-10-08')).toEqual({ year: 2026, month: 10, day: 8 });
    expect(formatLocalDate(2026, 1, 4)).toBe('2026-01-04');
    expect(() => formatLocalDate(2026, 2, 30)).toThrow();
    expect(yearOf('2027-01-01')).toBe(2027);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(fromEpochDay(toEpochDay('2026-10-14'))).toBe('2026-10-14');
    expect(toEpochDay('1970-01-01')).toBe(0);
  });

  it('computes ISO weekdays', () => {
    expect(isoWeekday('2026-02-12')).toBe(4); // Thu
    expect(isoWeekday('2026-02-14')).toBe(6); // Sat
    expect(isoWeekday('2026-01-04')).toBe(7); // Sun
    expect(isoWeekday('1969-12-29')).toBe(1); // before the epoch
    expect(isWeekend('2026-10-10')).toBe(true);
    expect(isWeekend('2026-10-08')).toBe(false);
  });

  it('compares chronologically', () => {
    expect(compareLocalDates('2026-01-02', '2026-01-10')).toBe(-1);
    expect(compareLocalDates('2026-01-10', '2026-01-10')).toBe(0);
    expect(compareLocalDates('2027-01-01', '2026-12-31')).toBe(1);
  });

  describe('Asia/Shanghai instants', () => {
    it('maps an instant to its Shanghai date (UTC+8)', () => {
      expect(shanghaiDateOf(new Date('2026-02-11T15:59:59.999Z'))).toBe('2026-02-11');
      expect(shanghaiDateOf(new Date('2026-02-11T16:00:00.000Z'))).toBe('2026-02-12');
      expect(shanghaiDateOf(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
      expect(() => shanghaiDateOf(new Date('nope'))).toThrow(/valid Date/);
    });

    it('gives the start and end of a Shanghai day', () => {
      expect(shanghaiStartOfDay('2026-02-26').toISOString()).toBe('2026-02-25T16:00:00.000Z');
      expect(shanghaiEndOfDay('2026-02-26').toISOString()).toBe('2026-02-26T15:59:59.999Z');
      expect(shanghaiDateOf(shanghaiStartOfDay('2026-02-26'))).toBe('2026-02-26');
      expect(shanghaiDateOf(shanghaiEndOfDay('2026-02-26'))).toBe('2026-02-26');
    });

    it('does not depend on the machine time zone', () => {
      const original = process.env.TZ;
      try {
        for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC', 'Asia/Shanghai']) {
          process.env.TZ = zone;
          expect(shanghaiDateOf(new Date('2026-02-11T16:30:00Z'))).toBe('2026-02-12');
          expect(shanghaiEndOfDay('2026-10-14').toISOString()).toBe('2026-10-14T15:59:59.999Z');
          expect(isoWeekday('2026-10-10')).toBe(6);
          expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
        }
      } finally {
        if (original === undefined) delete process.env.TZ;
        else process.env.TZ = original;
      }
    });
  });
});
