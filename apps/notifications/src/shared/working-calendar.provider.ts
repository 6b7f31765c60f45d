import type { Provider } from '@nestjs/common';
import { WorkingCalendar } from '@daiban/calendar';

/**
 * The official calendars shipped in libs/calendar. When workflow publishes admin edits of the holiday
 * calendar, this provider becomes a holder that swaps in `calendar.withYear(...)`.
 */
export const workingCalendarProvider: Provider = {
  provide: WorkingCalendar,
  useFactory: () => WorkingCalendar.official(),
};
