import { NotificationsSchema1767000000000 } from './1767000000000-notifications-schema.migration';
import { DeliveriesSkipped1767200000000 } from './1767200000000-deliveries-skipped.migration';
import { ProjectTaskForces1767300000000 } from './1767300000000-project-task-forces.migration';
import { ReminderLookupIndexes1767400000000 } from './1767400000000-reminder-lookup-indexes.migration';
import { ReminderDueIndex1767500000000 } from './1767500000000-reminder-due-index.migration';

/** Notifications's own migrations, in order (the messaging tables come first, from libs/messaging). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const NOTIFICATIONS_MIGRATIONS: Function[] = [
  NotificationsSchema1767000000000,
  DeliveriesSkipped1767200000000,
  ProjectTaskForces1767300000000,
  ReminderLookupIndexes1767400000000,
  ReminderDueIndex1767500000000,
];
