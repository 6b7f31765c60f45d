import { shanghaiDateOf, shanghaiStartOfDay, type WorkingCalendar } from '@daiban/calendar';

export interface WorkingHours {
  /** `HH:MM`, Asia/Shanghai. */
  start: string;
  end: string;
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/**
 * When a non-urgent message may go out: now during working time (a working day of the official
 * calendar, 调休 Saturdays included, between start and end), otherwise at `start` of the next working day.
 */
export function nextSendTime(calendar: WorkingCalendar, now: Date, hours: WorkingHours): Date {
  const today = shanghaiDateOf(now);
  const startMs = minutesOf(hours.start) * 60_000;
  const endMs = minutesOf(hours.end) * 60_000;
  const dayStart = shanghaiStartOfDay(today).getTime();
  const sinceMidnight = now.getTime() - dayStart;
  if (calendar.isWorkingDay(today)) {
    if (sinceMidnight < startMs) return new Date(dayStart + startMs);
    if (sinceMidnight < endMs) return now;
  }
  const next = calendar.nextWorkingDay(today).date;
  return new Date(shanghaiStartOfDay(next).getTime() + startMs);
}
