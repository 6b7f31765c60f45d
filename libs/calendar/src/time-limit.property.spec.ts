import fc from 'fast-check';
import { CalendarYear } from './calendar-year.schema';
import { computeDeadline, Deadline } from './deadline.util';
import { addDays, fromEpochDay, LocalDate, shanghaiEndOfDay, toEpochDay } from './local-date.util';
import { assessProgress, instantWhenOverdueBy, light, overdueBy, yellowAt } from './progress.util';
import { DateRange, TimeLimitUnit } from './time-limit.types';
import { WorkingCalendar } from './working-calendar';

const calendar = WorkingCalendar.official();
const YEAR_2027: CalendarYear = {
  year: 2027,
  holidays: [
    '2027-01-01',
    '2027-02-05',
    '2027-02-08',
    '2027-02-09',
    '2027-02-10',
    '2027-02-11',
    '2027-02-12',
  ],
  makeupWorkdays: ['2027-02-06', '2027-02-20'],
  source: 'test fixture, not the real 2027 notice',
};

const dateIn = (first: LocalDate, last: LocalDate) =>
  fc.integer({ min: toEpochDay(first), max: toEpochDay(last) }).map(fromEpochDay);
const acceptedOnArb = dateIn('2025-01-01', '2026-11-30');
const limitArb = fc.integer({ min: 1, max: 45 });
const unitArb = fc.constantFrom<TimeLimitUnit>('working_days', 'calendar_days');
const pauseArb = (near: LocalDate) =>
  fc
    .record({ offset: fc.integer({ min: -5, max: 70 }), length: fc.integer({ min: 0, max: 25 }) })
    .map(({ offset, length }): DateRange => ({
      start: addDays(near, offset),
      end: addDays(near, offset + length),
    }));

function due(deadline: Deadline): LocalDate {
  if (deadline.paused) throw new Error('expected a running deadline');
  return deadline.dueDate;
}

const inPause = (date: LocalDate, pauses: readonly DateRange[]) =>
  pauses.some((p) => p.start <= date && date <= p.end);

describe('time-limit properties', () => {
  it('a working-day deadline is a working day outside every pause, exactly `limit` counted days on', () => {
    fc.assert(
      fc.property(
        acceptedOnArb.chain((acceptedOn) =>
          fc.tuple(fc.constant(acceptedOn), limitArb, fc.array(pauseArb(acceptedOn), { maxLength: 3 })),
        ),
        ([acceptedOn, limit, pauses]) => {
          const dueDate = due(computeDeadline(calendar, { acceptedOn, limit, pauses }));
          expect(calendar.isWorkingDay(dueDate)).toBe(true);
          expect(inPause(dueDate, pauses)).toBe(false);
          expect(calendar.workingDaysBetween(acceptedOn, dueDate, pauses).count).toBe(limit);
        },
      ),
    );
  });

  it('a calendar-day deadline is a working day, and the first one on or after the plain count', () => {
    fc.assert(
      fc.property(acceptedOnArb, limitArb, (acceptedOn, limit) => {
        const dueDate = due(computeDeadline(calendar, { acceptedOn, limit, unit: 'calendar_days' }));
        const plain = addDays(acceptedOn, limit);
        expect(calendar.isWorkingDay(dueDate)).toBe(true);
        expect(dueDate >= plain).toBe(true);
        for (let day = plain; day < dueDate; day = addDays(day, 1))
          expect(calendar.isWorkingDay(day)).toBe(false);
      }),
    );
  });

  it('is monotonic in the limit (strictly for working days)', () => {
    fc.assert(
      fc.property(acceptedOnArb, limitArb, limitArb, unitArb, (acceptedOn, a, b, unit) => {
        fc.pre(a !== b);
        const [small, large] = a < b ? [a, b] : [b, a];
        const early = due(computeDeadline(calendar, { acceptedOn, limit: small, unit }));
        const late = due(computeDeadline(calendar, { acceptedOn, limit: large, unit }));
        expect(unit === 'working_days' ? early < late : early <= late).toBe(true);
      }),
    );
  });

  it('a pause never moves the deadline earlier', () => {
    fc.assert(
      fc.property(
        acceptedOnArb.chain((acceptedOn) =>
          fc.tuple(fc.constant(acceptedOn), limitArb, unitArb, pauseArb(acceptedOn)),
        ),
        ([acceptedOn, limit, unit, pause]) => {
          const without = due(computeDeadline(calendar, { acceptedOn, limit, unit }));
          const withPause = due(computeDeadline(calendar, { acceptedOn, limit, unit, pauses: [pause] }));
          expect(withPause >= without).toBe(true);
        },
      ),
    );
  });

  it('a pause covering k working days of the limit moves the deadline by exactly k working days', () => {
    fc.assert(
      fc.property(
        acceptedOnArb.chain((acceptedOn) =>
          fc.tuple(fc.constant(acceptedOn), limitArb, pauseArb(acceptedOn)),
        ),
        ([acceptedOn, limit, pause]) => {
          const before = due(computeDeadline(calendar, { acceptedOn, limit }));
          const after = due(computeDeadline(calendar, { acceptedOn, limit, pauses: [pause] }));
          const first = pause.start > acceptedOn ? pause.start : addDays(acceptedOn, 1);
          const last = pause.end < before ? pause.end : before;
          const k = first > last ? 0 : calendar.workingDaysBetween(addDays(first, -1), last).count;
          // Counted outside the pause, the deadline moved k working days …
          expect(calendar.workingDaysBetween(before, after, [pause]).count).toBe(k);
          // … and when the pause ends before the old due date, that is just k working days on.
          if (pause.end < before) expect(after).toBe(calendar.addWorkingDays(before, k).date);
        },
      ),
    );
  });

  it('an open pause leaves exactly the days it has not consumed, and closing it resumes the count', () => {
    fc.assert(
      fc.property(
        acceptedOnArb.chain((acceptedOn) =>
          fc.tuple(
            fc.constant(acceptedOn),
            limitArb,
            fc.integer({ min: 1, max: 60 }),
            fc.integer({ min: 0, max: 20 }),
          ),
        ),
        ([acceptedOn, limit, startOffset, length]) => {
          const start = addDays(acceptedOn, startOffset);
          const open = computeDeadline(calendar, { acceptedOn, limit, pauses: [{ start, end: null }] });
          const plain = due(computeDeadline(calendar, { acceptedOn, limit }));
          if (start > plain) {
            expect(open).toMatchObject({ paused: false, dueDate: plain });
            return;
          }
          const consumed = calendar.workingDaysBetween(acceptedOn, addDays(start, -1)).count;
          expect(open).toMatchObject({ paused: true, remaining: limit - consumed, pausedSince: start });
          const end = addDays(start, length);
          const closed = due(computeDeadline(calendar, { acceptedOn, limit, pauses: [{ start, end }] }));
          expect(closed).toBe(calendar.addWorkingDays(end, limit - consumed).date);
        },
      ),
    );
  });

  it('is provisional exactly when it relied on a year without data, and firm once the year is loaded', () => {
    const loaded = calendar.withYear(YEAR_2027);
    fc.assert(
      fc.property(
        dateIn('2026-10-01', '2026-12-31'),
        fc.integer({ min: 1, max: 80 }),
        unitArb,
        (acceptedOn, limit, unit) => {
          const guessed = computeDeadline(calendar, { acceptedOn, limit, unit });
          const firm = computeDeadline(loaded, { acceptedOn, limit, unit });
          expect(due(guessed) >= '2027-01-01').toBe(guessed.provisional);
          expect(firm.provisional).toBe(false);
          if (!guessed.provisional) expect(due(firm)).toBe(due(guessed));
        },
      ),
    );
  });

  it('changes light exactly at yellowAt, the end of the due date and the overdue instants', () => {
    fc.assert(
      fc.property(
        acceptedOnArb.chain((acceptedOn) =>
          fc.tuple(
            fc.constant(acceptedOn),
            limitArb,
            unitArb,
            fc.boolean(),
            fc.array(pauseArb(acceptedOn), { maxLength: 2 }),
          ),
        ),
        fc.integer({ min: 1, max: 12 }),
        ([acceptedOn, limit, unit, greenChannel, pauses], n) => {
          const input = { acceptedOn, limit, unit, pauses, greenChannel };
          const deadline = computeDeadline(calendar, input);
          const dueAt = deadline.dueAt as Date;
          const yellow = yellowAt(calendar, input);
          expect(yellow).not.toBeNull();
          const at = yellow?.at as Date;
          expect(at.getTime()).toBeLessThanOrEqual(dueAt.getTime());
          if (yellow?.date !== acceptedOn) {
            expect(light(calendar, { ...input, now: new Date(at.getTime() - 1) })).toBe('green');
          }
          expect(light(calendar, { ...input, now: at })).toBe('yellow');
          expect(light(calendar, { ...input, now: dueAt })).toBe('yellow');
          expect(light(calendar, { ...input, now: new Date(dueAt.getTime() + 1) })).toBe('red');
          expect(shanghaiEndOfDay(due(deadline)).getTime()).toBe(dueAt.getTime());

          const rung = instantWhenOverdueBy(calendar, input, n);
          const rungAt = rung?.at as Date;
          expect(overdueBy(calendar, input, new Date(rungAt.getTime() - 1))).toBe(n - 1);
          expect(overdueBy(calendar, input, rungAt)).toBe(n);
          expect(assessProgress(calendar, { ...input, now: rungAt })).toMatchObject({
            light: 'red',
            overdueBy: n,
          });
        },
      ),
    );
  });

  it('elapsed + remaining = limit up to the due date (working days)', () => {
    fc.assert(
      fc.property(
        acceptedOnArb,
        limitArb,
        fc.integer({ min: 0, max: 90 }),
        (acceptedOn, limit, dayOffset) => {
          const now = new Date(shanghaiEndOfDay(addDays(acceptedOn, dayOffset)).getTime() - 3_600_000);
          const progress = assessProgress(calendar, { acceptedOn, limit, now });
          if (progress.light !== 'red') expect(progress.elapsed + progress.remaining).toBe(limit);
          else expect(progress.remaining).toBe(0);
        },
      ),
    );
  });
});
