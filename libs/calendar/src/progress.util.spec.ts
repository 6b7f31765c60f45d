import { CalendarError } from './calendar.error';
import { DEFAULT_LIGHT_THRESHOLDS } from './light-thresholds.constant';
import {
  assessProgress,
  elapsedWorkingDays,
  instantWhenOverdueBy,
  light,
  overdueBy,
  redAt,
  remainingWorkingDays,
  yellowAt,
} from './progress.util';
import { TimeLimit } from './time-limit.types';
import { WorkingCalendar } from './working-calendar';

const calendar = WorkingCalendar.official();
const ms = (iso: string) => new Date(iso);
const before = (instant: Date | undefined) => new Date((instant?.getTime() ?? Number.NaN) - 1);

/*
 * Mon 2026-03-02, 10 WD (March 2026 has no holiday). Working day k:
 * 1 Tue 03-03 · 2 Wed 03-04 · 3 Thu 03-05 · 4 Fri 03-06 · 5 Mon 03-09 · 6 Tue 03-10 · 7 Wed 03-11 ·
 * 8 Thu 03-12 · 9 Fri 03-13 · 10 Mon 03-16 (due). Day D starts at (D−1)T16:00Z.
 */
const MARCH: TimeLimit = { acceptedOn: '2026-03-02', limit: 10 };

describe('elapsed and remaining working days', () => {
  it('consume a working day from its first instant in Asia/Shanghai', () => {
    expect(elapsedWorkingDays(calendar, '2026-03-02', ms('2026-03-02T15:59:59.999Z'))).toBe(0);
    expect(elapsedWorkingDays(calendar, '2026-03-02', ms('2026-03-02T16:00:00.000Z'))).toBe(1);
    expect(elapsedWorkingDays(calendar, '2026-03-02', ms('2026-03-07T04:00:00Z'))).toBe(4);
    expect(elapsedWorkingDays(calendar, '2026-03-02', ms('2026-02-01T04:00:00Z'))).toBe(0);
  });

  it('stand still through holidays and pauses', () => {
    // 5 WD from Thu 02-12: 02-13 and Sat 02-14 count, then nothing until 02-24.
    expect(elapsedWorkingDays(calendar, '2026-02-12', ms('2026-02-20T04:00:00Z'))).toBe(2);
    expect(elapsedWorkingDays(calendar, '2026-02-12', ms('2026-02-24T04:00:00Z'))).toBe(3);
    const pauses = [{ start: '2026-03-04', end: '2026-03-05' }];
    expect(elapsedWorkingDays(calendar, '2026-03-02', ms('2026-03-06T04:00:00Z'), pauses)).toBe(2);
    expect(
      elapsedWorkingDays(calendar, '2026-03-02', ms('2026-03-20T04:00:00Z'), [
        { start: '2026-03-06', end: null },
      ]),
    ).toBe(3);
  });

  it('count down to zero on the due date and stay there', () => {
    expect(remainingWorkingDays(calendar, MARCH, ms('2026-03-02T04:00:00Z'))).toBe(10);
    expect(remainingWorkingDays(calendar, MARCH, ms('2026-03-13T04:00:00Z'))).toBe(1);
    expect(remainingWorkingDays(calendar, MARCH, ms('2026-03-16T04:00:00Z'))).toBe(0);
    expect(remainingWorkingDays(calendar, MARCH, ms('2026-03-30T04:00:00Z'))).toBe(0);
    expect(
      remainingWorkingDays(
        calendar,
        { ...MARCH, pauses: [{ start: '2026-03-06', end: null }] },
        ms('2026-04-30T04:00:00Z'),
      ),
    ).toBe(7);
    expect(() =>
      remainingWorkingDays(calendar, { ...MARCH, unit: 'calendar_days' }, ms('2026-03-02T04:00:00Z')),
    ).toThrow(CalendarError);
  });
});

describe('light', () => {
  const at = (now: string, extra: Partial<Parameters<typeof light>[1]> = {}) =>
    light(calendar, { ...MARCH, now: ms(now), ...extra });

  it('has the documented defaults', () => {
    expect(DEFAULT_LIGHT_THRESHOLDS).toEqual({
      yellowElapsedPercent: 80,
      greenChannelYellowElapsedPercent: 60,
      yellowRemainingDays: 1,
    });
  });

  it('turns yellow at the start of the day elapsed reaches 80 %', () => {
    const yellow = yellowAt(calendar, MARCH);
    expect(yellow).toEqual({ date: '2026-03-12', at: ms('2026-03-11T16:00:00.000Z'), provisional: false });
    expect(at('2026-03-11T15:59:59.999Z')).toBe('green');
    expect(at('2026-03-11T16:00:00.000Z')).toBe('yellow');
  });

  it('turns red the millisecond after 23:59:59.999 Asia/Shanghai on the due date', () => {
    expect(at('2026-03-16T15:59:59.999Z')).toBe('yellow');
    expect(at('2026-03-16T16:00:00.000Z')).toBe('red');
    expect(redAt(calendar, MARCH)).toEqual({
      date: '2026-03-17',
      at: ms('2026-03-16T16:00:00.000Z'),
      provisional: false,
    });
  });

  it('treats exactly 80 % as yellow', () => {
    const five = { ...MARCH, limit: 5 }; // day 4 = Fri 03-06 is 80 %; two days remain on day 3
    expect(light(calendar, { ...five, now: ms('2026-03-05T15:59:59.999Z') })).toBe('green');
    expect(light(calendar, { ...five, now: ms('2026-03-05T16:00:00.000Z') })).toBe('yellow');
    expect(yellowAt(calendar, five)?.date).toBe('2026-03-06');
    const fifteen = { ...MARCH, limit: 15 }; // 12 of 15 is 80 %
    expect(yellowAt(calendar, fifteen)?.date).toBe('2026-03-18');
    expect(assessProgress(calendar, { ...fifteen, now: ms('2026-03-17T04:00:00Z') })).toMatchObject({
      elapsed: 11,
      light: 'green',
    });
    expect(assessProgress(calendar, { ...fifteen, now: ms('2026-03-18T04:00:00Z') })).toMatchObject({
      elapsed: 12,
      light: 'yellow',
    });
  });

  it('turns yellow when one working day remains, even below 80 %', () => {
    const three = { ...MARCH, limit: 3 }; // day 2 (67 %) leaves one day
    expect(light(calendar, { ...three, now: ms('2026-03-03T15:59:59.999Z') })).toBe('green');
    expect(light(calendar, { ...three, now: ms('2026-03-03T16:00:00.000Z') })).toBe('yellow');
    expect(yellowAt(calendar, three)?.at).toEqual(ms('2026-03-03T16:00:00.000Z'));
  });

  it('is yellow from acceptance for a one-day limit', () => {
    const one = { ...MARCH, limit: 1 };
    expect(yellowAt(calendar, one)).toEqual({
      date: '2026-03-02',
      at: ms('2026-03-01T16:00:00.000Z'),
      provisional: false,
    });
    expect(light(calendar, { ...one, now: ms('2026-03-02T02:00:00Z') })).toBe('yellow');
  });

  it('warns green-channel items at 60 %', () => {
    expect(yellowAt(calendar, { ...MARCH, greenChannel: true })?.date).toBe('2026-03-10');
    expect(at('2026-03-09T15:59:59.999Z', { greenChannel: true })).toBe('green');
    expect(at('2026-03-09T16:00:00.000Z', { greenChannel: true })).toBe('yellow');
    expect(at('2026-03-09T16:00:00.000Z')).toBe('green');
  });

  it('takes configured thresholds', () => {
    const thresholds = { yellowElapsedPercent: 50, yellowRemainingDays: 0 };
    expect(yellowAt(calendar, { ...MARCH, thresholds })?.date).toBe('2026-03-09');
    expect(at('2026-03-09T04:00:00Z', { thresholds })).toBe('yellow');
    expect(() => at('2026-03-09T04:00:00Z', { thresholds: { yellowElapsedPercent: 0 } })).toThrow(
      CalendarError,
    );
    expect(() => at('2026-03-09T04:00:00Z', { thresholds: { yellowElapsedPercent: 120 } })).toThrow(
      CalendarError,
    );
  });

  it('follows the calendar across holidays (worked example 2026-02-12 + 5 WD)', () => {
    const example = { acceptedOn: '2026-02-12', limit: 5 };
    expect(yellowAt(calendar, example)?.at).toEqual(ms('2026-02-24T16:00:00.000Z')); // day 4 = 02-25
    expect(light(calendar, { ...example, now: ms('2026-02-22T04:00:00Z') })).toBe('green');
    expect(light(calendar, { ...example, now: ms('2026-02-26T15:59:59.999Z') })).toBe('yellow');
    expect(light(calendar, { ...example, now: ms('2026-02-26T16:00:00.000Z') })).toBe('red');
  });

  describe('while an open pause stops the clock', () => {
    const paused = { ...MARCH, pauses: [{ start: '2026-03-06', end: null }] };

    it('freezes elapsed, is never red and schedules nothing', () => {
      expect(assessProgress(calendar, { ...paused, now: ms('2026-05-20T04:00:00Z') })).toMatchObject({
        light: 'green',
        paused: true,
        elapsed: 3,
        remaining: 7,
        overdueBy: 0,
        deadline: { paused: true, remaining: 7, pausedSince: '2026-03-06' },
      });
      expect(yellowAt(calendar, paused)).toBeNull();
      expect(redAt(calendar, paused)).toBeNull();
      expect(instantWhenOverdueBy(calendar, paused, 1)).toBeNull();
      expect(overdueBy(calendar, paused, ms('2026-05-20T04:00:00Z'))).toBe(0);
    });

    it('keeps a light that was already yellow', () => {
      const late = { ...MARCH, pauses: [{ start: '2026-03-13', end: null }] };
      expect(assessProgress(calendar, { ...late, now: ms('2026-03-20T04:00:00Z') })).toMatchObject({
        light: 'yellow',
        elapsed: 8,
        remaining: 2,
      });
      expect(yellowAt(calendar, late)?.date).toBe('2026-03-12');
    });
  });
});

describe('overdue', () => {
  it('counts working days past the due date, each from its start', () => {
    expect(overdueBy(calendar, MARCH, ms('2026-03-16T15:59:59.999Z'))).toBe(0);
    expect(overdueBy(calendar, MARCH, ms('2026-03-16T16:00:00.000Z'))).toBe(1);
    expect(overdueBy(calendar, MARCH, ms('2026-03-19T04:00:00Z'))).toBe(3);
    expect(overdueBy(calendar, MARCH, ms('2026-03-21T04:00:00Z'))).toBe(4);
  });

  it('gives the instants of escalation rungs 3 and 10', () => {
    const three = instantWhenOverdueBy(calendar, MARCH, 3);
    expect(three).toEqual({ date: '2026-03-19', at: ms('2026-03-18T16:00:00.000Z'), provisional: false });
    expect(overdueBy(calendar, MARCH, before(three?.at))).toBe(2);
    expect(overdueBy(calendar, MARCH, three?.at as Date)).toBe(3);
    expect(instantWhenOverdueBy(calendar, MARCH, 10)?.at).toEqual(ms('2026-03-29T16:00:00.000Z'));
    expect(() => instantWhenOverdueBy(calendar, MARCH, 0)).toThrow(CalendarError);
  });

  it('is red with zero working days overdue over a weekend or holiday', () => {
    const friday = { ...MARCH, limit: 9 }; // due Fri 03-13
    expect(assessProgress(calendar, { ...friday, now: ms('2026-03-14T04:00:00Z') })).toMatchObject({
      light: 'red',
      overdueBy: 0,
    });
    const beforeNationalDay = { acceptedOn: '2026-09-29', limit: 1 }; // due Wed 09-30
    expect(assessProgress(calendar, { ...beforeNationalDay, now: ms('2026-10-07T04:00:00Z') })).toMatchObject(
      {
        light: 'red',
        overdueBy: 0,
      },
    );
    expect(overdueBy(calendar, beforeNationalDay, ms('2026-10-08T04:00:00Z'))).toBe(1);
    expect(instantWhenOverdueBy(calendar, beforeNationalDay, 3)?.date).toBe('2026-10-10'); // 调休 Saturday
  });

  it('stops counting during a pause opened after the due date', () => {
    const input = { ...MARCH, pauses: [{ start: '2026-03-18', end: null }] };
    expect(assessProgress(calendar, { ...input, now: ms('2026-03-25T04:00:00Z') })).toMatchObject({
      light: 'red',
      paused: false,
      overdueBy: 1,
    });
    expect(instantWhenOverdueBy(calendar, input, 1)?.date).toBe('2026-03-17');
    expect(instantWhenOverdueBy(calendar, input, 3)).toBeNull();
  });
});

describe('calendar-day limits', () => {
  const input: TimeLimit = { acceptedOn: '2026-09-28', limit: 5, unit: 'calendar_days' }; // 10-03 → Thu 10-08

  it('stay yellow, not red, while the due date is moved past a holiday', () => {
    expect(assessProgress(calendar, { ...input, now: ms('2026-10-05T04:00:00Z') })).toMatchObject({
      light: 'yellow',
      unit: 'calendar_days',
      elapsed: 7,
      remaining: 0,
      overdueBy: 0,
    });
    expect(light(calendar, { ...input, now: ms('2026-10-08T15:59:59.999Z') })).toBe('yellow');
    expect(light(calendar, { ...input, now: ms('2026-10-08T16:00:00.000Z') })).toBe('red');
    expect(yellowAt(calendar, input)?.date).toBe('2026-10-02'); // day 4 of 5 = 80 %
    expect(instantWhenOverdueBy(calendar, input, 1)?.date).toBe('2026-10-09');
  });
});

it('passes provisional through when the deadline lies in a year without data', () => {
  const input = { acceptedOn: '2026-12-24', limit: 6 };
  expect(assessProgress(calendar, { ...input, now: ms('2026-12-25T04:00:00Z') }).provisional).toBe(true);
  expect(yellowAt(calendar, input)).toMatchObject({ date: '2026-12-31', provisional: false });
  expect(redAt(calendar, input)).toMatchObject({ date: '2027-01-02', provisional: true });
});
