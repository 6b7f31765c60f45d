import { NotificationsSchema1767000000000 } from './1767000000000-notifications-schema.migration';

/** Notifications's own migrations, in order (the messaging tables come first, from libs/messaging). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const NOTIFICATIONS_MIGRATIONS: Function[] = [NotificationsSchema1767000000000];
