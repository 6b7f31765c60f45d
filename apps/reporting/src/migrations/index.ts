import { ReportingReadModels1766000000000 } from './1766000000000-reporting-read-models.migration';
import { ReportingUsers1766100000000 } from './1766100000000-reporting-users.migration';
import { ReportingItemCounts1766200000000 } from './1766200000000-reporting-item-counts.migration';
import { ReportingMilestoneFacts1766350000000 } from './1766350000000-reporting-milestone-facts.migration';

/** Reporting's own migrations, in order (the messaging tables come first, from libs/messaging). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const REPORTING_MIGRATIONS: Function[] = [
  ReportingReadModels1766000000000,
  ReportingUsers1766100000000,
  ReportingItemCounts1766200000000,
  ReportingMilestoneFacts1766350000000,
];

/** What a rebuild empties: everything derived from events (targets and stored exports are not). */
export const READ_MODEL_TABLES = [
  'parks',
  'enterprises',
  'projects',
  'milestones',
  'task_forces',
  'land_records',
  'case_events',
  'cases',
  'item_transitions',
  'items',
  'item_side_deadlines',
  'requests',
  'supervision_orders',
  'users',
] as const;
