export * from './clock';
export * from './calendar.error';
export * from './local-date.util';
export * from './calendar-year.schema';
export * from './official-calendars.constant';
export * from './time-limit.types';
export { closeOpenPauses } from './pause.util';
export * from './working-calendar';
export {
  computeDeadline,
  TIME_LIMIT_UNITS,
  type Deadline,
  type PausedDeadline,
  type RunningDeadline,
} from './deadline.util';
export * from './light-thresholds.constant';
export * from './progress.util';
export * from './quarterly-light.util';
