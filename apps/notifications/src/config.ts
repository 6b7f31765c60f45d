import { z } from 'zod';
import { positiveMs, serviceEnv, urlWithScheme } from '@daiban/config';

const hhmm = (fallback: string) =>
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24 h, Asia/Shanghai)')
    .default(fallback);

export const notificationsEnv = serviceEnv('notifications', 3003).extend({
  /** BullMQ key prefix; tests give each context its own so they never see each other's jobs. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected letters, digits, _ or -')
    .default('bull'),
  /** Run the BullMQ workers in this process (a replica may serve only request-reply). */
  QUEUE_WORKERS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** The periodic sweep (it re-arms only what falls due within the horizon below). */
  REMINDER_SWEEP_EVERY_MS: positiveMs(60_000),
  /**
   * How far ahead the periodic sweep looks. A lost job is re-armed by the last pass before its rung falls
   * due, so the sweep uses at least twice the interval whatever is set here.
   */
  REMINDER_SWEEP_HORIZON_MS: positiveMs(900_000),
  /**
   * Rungs fired at once. A firing is one short transaction of round trips; a whole county's reminders can
   * fall due in the same minute (bench B4: 10,000), and the database pool (10) bounds what more buys.
   */
  REMINDER_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  /** First retry delay; BullMQ doubles it on each attempt. */
  DELIVERY_BACKOFF_MS: positiveMs(5_000),
  /** Fallback SMTP server when no park or county target is configured; empty disables email. */
  SMTP_URL: urlWithScheme(['smtp', 'smtps'], 'smtp://mail.example.gov.cn:587').optional(),
  SMTP_FROM: z.string().default('代办服务平台 <noreply@daiban.local>'),
  SMS_PROVIDER: z.enum(['logging']).default('logging'),
  /** 督办单 feedback limit in working days (DOMAIN.md); admins may change it. */
  SUPERVISION_FEEDBACK_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  /** Working time in Asia/Shanghai; non-urgent messages outside it wait for the next start. */
  WORK_START: hhmm('09:00'),
  WORK_END: hhmm('18:00'),
  /** The daily digest, Asia/Shanghai; it only goes out on working days of the calendar. */
  DIGEST_CRON: z.string().default('30 8 * * *'),
});
export type NotificationsConfig = z.infer<typeof notificationsEnv>;
