import { z } from 'zod';

/** What a deadline is the deadline of; each kind has its own wording and ladder details. */
export const DEADLINE_KINDS = [
  'item',
  'commitment',
  'deficiency',
  'supervision_feedback',
  'request',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** The escalation ladder of DOMAIN.md "Lights and escalation"; each fires once per deadline version. */
export const REMINDER_RUNGS = ['yellow', 'red', 'escalate_3wd', 'escalate_10wd', 'major_red'] as const;
export type ReminderRung = (typeof REMINDER_RUNGS)[number];

export const RUNG_STATUSES = ['pending', 'fired', 'cancelled'] as const;
export type RungStatus = (typeof RUNG_STATUSES)[number];

/** Channels a person receives on; `in_app` is always on. */
export const USER_CHANNELS = ['in_app', 'email', 'sms'] as const;
export type UserChannel = (typeof USER_CHANNELS)[number];

/** Group-robot webhooks, configured per park or county. */
export const GROUP_CHANNELS = ['wecom', 'dingtalk'] as const;
export type GroupChannel = (typeof GROUP_CHANNELS)[number];

export const DELIVERY_CHANNELS = ['email', 'sms', 'wecom', 'dingtalk'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** `skipped`: nothing to send to (a person without an address on that channel, or disabled). */
export const DELIVERY_STATUSES = ['queued', 'retrying', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Preferences are kept per category; urgent messages (red rungs, 督办单) ignore them. */
export const NOTIFICATION_CATEGORIES = ['reminder', 'supervision', 'case', 'item', 'digest'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

export const SUPERVISION_ORDER_STATUSES = ['issued', 'signed', 'feedback', 'reviewed', 'closed'] as const;
export type SupervisionOrderStatus = (typeof SUPERVISION_ORDER_STATUSES)[number];

export const deadlineKindSchema = z.enum(DEADLINE_KINDS);
export const reminderRungSchema = z.enum(REMINDER_RUNGS);
export const notificationCategorySchema = z.enum(NOTIFICATION_CATEGORIES);
