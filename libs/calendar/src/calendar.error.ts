export type CalendarErrorCode =
  | 'calendar.invalid_date'
  | 'calendar.invalid_instant'
  | 'calendar.invalid_calendar'
  | 'calendar.invalid_time_limit'
  | 'calendar.invalid_pause'
  | 'calendar.invalid_thresholds'
  | 'calendar.invalid_quarter';

/**
 * Thrown for inputs no caller should send (a malformed date, a negative limit…). Request bodies are
 * checked with the zod schemas first, so reaching this is a programming error the API maps to 400/500
 * by its stable `code`.
 */
export class CalendarError extends Error {
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}
