import { messages } from '../i18n/messages';

export interface Clock {
  workingDaysLeft: number | null;
  overdueBy: number | null;
  paused: boolean;
}

/** "7 个工作日", "已超期 3 个工作日", "（暂停计时）" appended when the clock is paused; — when not started. */
export function workingDaysText(clock: Clock): string {
  const t = messages.worklist;
  if (clock.overdueBy !== null && clock.overdueBy > 0) return t.overdueBy(clock.overdueBy);
  if (clock.workingDaysLeft === null) return messages.common.none;
  return t.daysLeft(clock.workingDaysLeft) + (clock.paused ? t.paused : '');
}
