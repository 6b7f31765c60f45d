import { WorkingCalendar } from '@daiban/calendar';
import { deadlineSnapshot, itemProgress, type ItemClockInput } from './item-clock.util';

const calendar = WorkingCalendar.official();
const base: ItemClockInput = {
  state: 'accepted',
  submittedOn: '2026-02-10',
  acceptedOn: '2026-02-12',
  committedLimit: 5,
  extensionLimit: null,
  unit: 'working_days',
  pauses: [],
  greenChannel: false,
};
const at = (iso: string) => new Date(iso);

describe('item clock', () => {
  it('gives the worked examples of DOMAIN.md', () => {
    expect(deadlineSnapshot(calendar, base, '2026-02-12').dueDate).toBe('2026-02-26');
    const october = { ...base, acceptedOn: '2026-09-29', committedLimit: 7 };
    expect(deadlineSnapshot(calendar, october, '2026-09-29').dueDate).toBe('2026-10-14');
  });

  it('moves the deadline by exactly the working days inside a special procedure', () => {
    const march = { ...base, acceptedOn: '2026-03-02' };
    expect(deadlineSnapshot(calendar, march, '2026-03-02').dueDate).toBe('2026-03-09');
    const paused = { ...march, pauses: [{ start: '2026-03-04', end: '2026-03-06' }] };
    expect(deadlineSnapshot(calendar, paused, '2026-03-10').dueDate).toBe('2026-03-12');
    const open = {
      ...march,
      state: 'special_procedure' as const,
      pauses: [{ start: '2026-03-04', end: null }],
    };
    const snapshot = deadlineSnapshot(calendar, open, '2026-03-05');
    expect(snapshot).toMatchObject({ paused: true, dueDate: null, active: true });
  });

  it('replaces the limit with an extension', () => {
    const extended = { ...base, state: 'extended' as const, acceptedOn: '2026-03-02', extensionLimit: 10 };
    expect(deadlineSnapshot(calendar, extended, '2026-03-02')).toMatchObject({
      dueDate: '2026-03-16',
      limit: 10,
    });
  });

  it('reads red at once when accepted in the past beyond its deadline, and 60 % yellow on the green channel', () => {
    expect(itemProgress(calendar, base, at('2026-03-02T02:00:00Z'))).toMatchObject({
      light: 'red',
      overdueBy: 3,
    });
    const ten = { ...base, acceptedOn: '2026-03-02', committedLimit: 10 };
    // Day 6 of 10: 60 % elapsed.
    expect(itemProgress(calendar, { ...ten, greenChannel: true }, at('2026-03-10T02:00:00Z')).light).toBe(
      'yellow',
    );
    expect(itemProgress(calendar, { ...ten, greenChannel: false }, at('2026-03-10T02:00:00Z')).light).toBe(
      'green',
    );
  });

  it('deems a submission accepted on its date when not decided within 5 working days (第32条)', () => {
    const submitted = { ...base, state: 'submitted' as const, submittedOn: '2026-03-02', acceptedOn: null };
    expect(deadlineSnapshot(calendar, submitted, '2026-03-09')).toMatchObject({
      clock: 'acceptance_decision',
      dueDate: '2026-03-09',
    });
    expect(itemProgress(calendar, submitted, at('2026-03-09T02:00:00Z'))).toMatchObject({
      deemedAccepted: false,
    });
    expect(deadlineSnapshot(calendar, submitted, '2026-03-10')).toMatchObject({
      clock: 'time_limit',
      startedOn: '2026-03-02',
      dueDate: '2026-03-09',
    });
    expect(itemProgress(calendar, submitted, at('2026-03-10T02:00:00Z'))).toMatchObject({
      deemedAccepted: true,
      acceptedOn: '2026-03-02',
      light: 'red',
    });
  });

  it('marks a deadline in a year without calendar data provisional', () => {
    const late = { ...base, acceptedOn: '2026-12-28', committedLimit: 10 };
    expect(deadlineSnapshot(calendar, late, '2026-12-28')).toMatchObject({
      provisional: true,
      dueDate: '2027-01-11',
    });
  });
});
