import { z } from 'zod';
import { defineRpc } from '../rpc';
import { notificationCategorySchema } from './notification-vocabulary';

export const notificationViewSchema = z.object({
  id: z.uuid(),
  category: notificationCategorySchema,
  template: z.string(),
  title: z.string(),
  body: z.string(),
  urgent: z.boolean(),
  subjectKind: z.string().nullable(),
  subjectId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationViewSchema>;

/** The caller's own inbox (`GET /api/v1/me/notifications`), newest first, paged by `before`. */
export const listMyNotifications = defineRpc({
  pattern: 'notifications.inbox.list',
  request: z
    .object({
      unreadOnly: z.boolean().default(false),
      limit: z.number().int().min(1).max(100).default(20),
      before: z.iso.datetime({ offset: true }).optional(),
    })
    .strict(),
  response: z.object({ items: z.array(notificationViewSchema), unread: z.number().int() }),
});

export const countMyUnread = defineRpc({
  pattern: 'notifications.inbox.unreadCount',
  request: z.object({}).strict(),
  response: z.object({ unread: z.number().int() }),
});

export const markNotificationsRead = defineRpc({
  pattern: 'notifications.inbox.markRead',
  request: z.object({ ids: z.array(z.uuid()).min(1).max(200) }).strict(),
  response: z.object({ updated: z.number().int(), unread: z.number().int() }),
});

export const markAllNotificationsRead = defineRpc({
  pattern: 'notifications.inbox.markAllRead',
  request: z.object({}).strict(),
  response: z.object({ updated: z.number().int(), unread: z.number().int() }),
});
