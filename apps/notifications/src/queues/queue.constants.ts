import type { JobsOptions } from 'bullmq';

export const REMINDERS_QUEUE = Symbol('REMINDERS_QUEUE');
export const DELIVERIES_QUEUE = Symbol('DELIVERIES_QUEUE');
export const BULL_CONNECTION = Symbol('BULL_CONNECTION');

/** Job names per queue. The reminders queue carries every time-triggered job of the service. */
export const REMINDER_JOBS = { rung: 'rung', sweep: 'sweep', digest: 'digest' } as const;
export const DELIVERY_JOBS = { deliver: 'deliver' } as const;

/** Scheduler ids: upserted only by SchedulesRegistrar, so there is exactly one of each. */
export const SCHEDULERS = { sweep: 'reminders.sweep', digest: 'digest.daily' } as const;

/**
 * Finished jobs are removed at once: a retained job keeps blocking its deterministic id, so the sweeper
 * could never re-arm it. Outcomes live in PostgreSQL (rung and delivery rows), not in Redis.
 */
export const REMINDER_JOB_OPTIONS: JobsOptions = {
  removeOnComplete: true,
  removeOnFail: true,
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
};

export const DELIVERY_JOB_RETENTION: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: true,
  removeOnFail: true,
};

/** BullMQ forbids ':' in custom ids; ours use '.' and the deadline version. */
export function reminderJobId(deadlineKey: string, rung: string, version: number): string {
  return `reminder.${deadlineKey}.${rung}.v${version}`;
}

export function deliveryJobId(deliveryId: string): string {
  return `delivery.${deliveryId}`;
}
