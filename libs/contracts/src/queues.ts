/**
 * BullMQ queue names. NEVER rename one: jobs already waiting in Redis under the old name would be
 * orphaned (never processed, invisible on the dashboard). Add new names instead.
 */
export const QUEUES = {
  reminders: 'reminders',
  deliveries: 'deliveries',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
