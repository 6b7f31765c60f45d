import { z } from 'zod';
import { defineRpc } from '../rpc';
import { NOTIFICATION_CATEGORIES, notificationCategorySchema } from './notification-vocabulary';

const channelSwitchesSchema = z.object({ email: z.boolean(), sms: z.boolean() }).strict();

export const preferencesSchema = z.object({
  /** Per category; `in_app` cannot be switched off, and urgent messages ignore these switches. */
  categories: z.record(notificationCategorySchema, channelSwitchesSchema),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const getMyPreferences = defineRpc({
  pattern: 'notifications.preferences.get',
  request: z.object({}).strict(),
  response: preferencesSchema,
});

export const updateMyPreferences = defineRpc({
  pattern: 'notifications.preferences.update',
  request: z
    .object({
      categories: z.partialRecord(z.enum(NOTIFICATION_CATEGORIES), channelSwitchesSchema.partial()),
    })
    .strict(),
  response: preferencesSchema,
});
