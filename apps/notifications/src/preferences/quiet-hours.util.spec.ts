import { WorkingCalendar } from '@daiban/calendar';
import { nextSendTime } from './quiet-hours.util';

const calendar = WorkingCalendar.official();
const hours = { start: '09:00', end: '18:00' };
const send = (shanghai: string) => nextSendTime(calendar, new Date(`${shanghai}+08:00`), hours).toISOString();

describe('quiet hours', () => {
  it('sends at once during working time', () => {
    expect(send('2026-10-13T10:30:00')).toBe('2026-10-13T02:30:00.000Z');
  });

  it('waits for 09:00 the same working day before work starts', () => {
    expect(send('2026-10-13T07:15:00')).toBe('2026-10-13T01:00:00.000Z');
  });

  it('defers a Friday evening message to the 调休 Saturday 2026-10-10, 09:00', () => {
    expect(send('2026-10-09T20:00:00')).toBe('2026-10-10T01:00:00.000Z');
  });

  it('skips the National Day holiday', () => {
    expect(send('2026-09-30T19:00:00')).toBe('2026-10-08T01:00:00.000Z');
  });
});
