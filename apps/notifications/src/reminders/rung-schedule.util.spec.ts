import { WorkingCalendar } from '@daiban/calendar';
import { deadlineInputSchema, type DeadlineInput } from './deadline.types';
import { scheduleRungs } from './rung-schedule.util';

const calendar = WorkingCalendar.official();
const item = (overrides: Partial<DeadlineInput> = {}) =>
  deadlineInputSchema.parse({
    kind: 'item',
    subjectId: 'i1',
    title: '建设工程规划许可',
    version: 1,
    timeLimit: { acceptedOn: '2026-09-29', limit: 7 },
    place: { enterpriseId: 'e1', parkId: 'p1', countyCode: '440803', departmentCodes: ['zrzy'] },
    ...overrides,
  });
const at = (schedule: ReturnType<typeof scheduleRungs>) =>
  Object.fromEntries(schedule.rungs.map((r) => [r.rung, r.fireAt.toISOString()]));

describe('scheduleRungs', () => {
  it('accepted 2026-09-29 with 7 WD: yellow 10-13 00:00, red right after 10-14 ends (Asia/Shanghai)', () => {
    const schedule = scheduleRungs(calendar, item());
    expect(schedule.dueAt?.toISOString()).toBe('2026-10-14T15:59:59.999Z');
    expect(at(schedule)).toEqual({
      yellow: '2026-10-12T16:00:00.000Z',
      red: '2026-10-14T16:00:00.000Z',
      escalate_3wd: '2026-10-18T16:00:00.000Z',
      escalate_10wd: '2026-10-27T16:00:00.000Z',
    });
  });

  it('a major project escalates to the 专班 and county at red', () => {
    expect(at(scheduleRungs(calendar, item({ major: true })))).toEqual({
      yellow: '2026-10-12T16:00:00.000Z',
      red: '2026-10-14T16:00:00.000Z',
      major_red: '2026-10-14T16:00:00.000Z',
      escalate_10wd: '2026-10-27T16:00:00.000Z',
    });
  });

  it('warns green-channel items at 60 % (day 5 of 7: Mon 10-12)', () => {
    expect(at(scheduleRungs(calendar, item({ greenChannel: true }))).yellow).toBe('2026-10-11T16:00:00.000Z');
  });

  it('has no rungs while paused or once closed, and moves them with an extension', () => {
    const paused = scheduleRungs(
      calendar,
      item({
        timeLimit: { acceptedOn: '2026-09-29', limit: 7, pauses: [{ start: '2026-10-09', end: null }] },
      }),
    );
    expect(paused).toMatchObject({ status: 'paused', rungs: [] });
    expect(scheduleRungs(calendar, item({ closed: true }))).toMatchObject({ status: 'closed', rungs: [] });
    const extended = scheduleRungs(
      calendar,
      item({ timeLimit: { acceptedOn: '2026-09-29', limit: 7, extension: { limit: 10 } } }),
    );
    expect(extended.dueAt?.toISOString()).toBe('2026-10-19T15:59:59.999Z');
  });
});
