import { WorkingCalendar, addDays } from '@daiban/calendar';
import { deadlineInputSchema, type DeadlineInput } from './deadline.types';
import { rememberedSchedule, scheduleRungs } from './rung-schedule.util';

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

describe('rememberedSchedule', () => {
  it('answers what scheduleRungs answers, for every kind of time limit, asked once or again', () => {
    const inputs = [];
    for (let day = 0; day < 60; day += 7) {
      const acceptedOn = addDays('2026-09-20', day);
      for (const limit of [0, 1, 7, 20]) {
        for (const unit of ['working_days', 'calendar_days'] as const) {
          inputs.push(item({ timeLimit: { acceptedOn, limit, unit } }));
          inputs.push(item({ major: true, timeLimit: { acceptedOn, limit, unit } }));
          inputs.push(item({ greenChannel: true, timeLimit: { acceptedOn, limit, unit } }));
          inputs.push(item({ closed: true, timeLimit: { acceptedOn, limit, unit } }));
          inputs.push(item({ timeLimit: { acceptedOn, limit, unit, extension: { limit: limit + 5 } } }));
          inputs.push(
            item({
              timeLimit: { acceptedOn, limit, unit, pauses: [{ start: addDays(acceptedOn, 2), end: null }] },
            }),
          );
          inputs.push(
            item({
              timeLimit: {
                acceptedOn,
                limit,
                unit,
                pauses: [{ start: addDays(acceptedOn, 2), end: addDays(acceptedOn, 9) }],
              },
            }),
          );
        }
      }
    }
    for (const round of [1, 2]) {
      for (const input of inputs) {
        expect({ round, schedule: rememberedSchedule(calendar, input) }).toEqual({
          round,
          schedule: scheduleRungs(calendar, input),
        });
      }
    }
  });

  it('hands out copies: changing one answer does not change the next', () => {
    const first = rememberedSchedule(calendar, item());
    first.dueAt!.setTime(0);
    first.rungs[0].fireAt.setTime(0);
    first.rungs.pop();
    expect(rememberedSchedule(calendar, item())).toEqual(scheduleRungs(calendar, item()));
  });

  it('follows an edited calendar (a new instance): no ladder of the old one is reused', () => {
    const input = item({ timeLimit: { acceptedOn: '2026-09-29', limit: 7 } });
    const before = rememberedSchedule(calendar, input);
    // 10-09 and 10-13 become holidays: the 7th working day moves from 10-14 to 10-16.
    const edited = calendar.withYear({
      ...calendar.getYear(2026)!,
      holidays: [...calendar.getYear(2026)!.holidays, '2026-10-09', '2026-10-13'],
    });
    const after = rememberedSchedule(edited, input);
    expect(after).toEqual(scheduleRungs(edited, input));
    expect(after.dueAt).not.toEqual(before.dueAt);
  });
});
