import { z } from 'zod';
import { configSettingSchema } from '../config-setting.schema';
import { defineRpc } from '../rpc';

const percent = configSettingSchema(z.number());
const workingDays = configSettingSchema(z.int());

export const notificationsThresholdsSchema = z.object({
  /** Yellow once this share of the limit has elapsed, in percent; green-channel items earlier. */
  yellowElapsedPercent: percent,
  greenChannelYellowElapsedPercent: percent,
  /** Yellow once at most this many days of the limit remain. */
  yellowRemainingDays: workingDays,
  /** Escalation rungs 3 and 4: working days overdue. */
  overdueEscalationWorkingDays: configSettingSchema(z.array(z.int())),
  /** A 督办单's default feedback limit. */
  supervisionFeedbackWorkingDays: workingDays,
});
export type NotificationsThresholds = z.infer<typeof notificationsThresholdsSchema>;

/** The light and escalation rules the reminders fire by (admin only). */
export const notificationsConfigThresholds = defineRpc({
  pattern: 'notifications.config.thresholds',
  request: z.strictObject({}),
  response: notificationsThresholdsSchema,
});
