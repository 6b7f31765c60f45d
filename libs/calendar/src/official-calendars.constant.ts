import { CalendarYear } from './calendar-year.schema';
import { addDays, LocalDate } from './local-date.util';

function range(first: LocalDate, last: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

// Shared by every request: a caller mutating it would silently change everyone's deadlines.
function freezeYear(year: CalendarYear): Readonly<CalendarYear> {
  Object.freeze(year.holidays);
  Object.freeze(year.makeupWorkdays);
  return Object.freeze(year);
}

/**
 * The State Council holiday notices, transcribed from DOMAIN-REFERENCE §7.2. Holiday ranges are kept
 * whole (weekend days included) so each one reads exactly like the notice. Seed data only: the calendar
 * in production is the admin-edited table, and 2027 is added there when it is published.
 */
export const OFFICIAL_CALENDARS: readonly Readonly<CalendarYear>[] = Object.freeze(
  [
    {
      year: 2025,
      holidays: [
        ...range('2025-01-01', '2025-01-01'), // 元旦
        ...range('2025-01-28', '2025-02-04'), // 春节
        ...range('2025-04-04', '2025-04-06'), // 清明
        ...range('2025-05-01', '2025-05-05'), // 劳动节
        ...range('2025-05-31', '2025-06-02'), // 端午
        ...range('2025-10-01', '2025-10-08'), // 国庆+中秋
      ],
      makeupWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
      source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    },
    {
      year: 2026,
      holidays: [
        ...range('2026-01-01', '2026-01-03'), // 元旦
        ...range('2026-02-15', '2026-02-23'), // 春节
        ...range('2026-04-04', '2026-04-06'), // 清明
        ...range('2026-05-01', '2026-05-05'), // 劳动节
        ...range('2026-06-19', '2026-06-21'), // 端午
        ...range('2026-09-25', '2026-09-27'), // 中秋
        ...range('2026-10-01', '2026-10-07'), // 国庆
      ],
      makeupWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
      source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日发布）',
    },
  ].map(freezeYear),
);
