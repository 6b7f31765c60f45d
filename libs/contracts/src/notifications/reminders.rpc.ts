import { z } from 'zod';
import { defineRpc, idSchema } from '../rpc';
import { RUNG_STATUSES, deadlineKindSchema, reminderRungSchema } from './notification-vocabulary';

export const reminderRungViewSchema = z.object({
  deadlineKey: z.string(),
  rung: reminderRungSchema,
  version: z.number().int(),
  fireAt: z.string(),
  status: z.enum(RUNG_STATUSES),
  firedAt: z.string().nullable(),
});

/** `GET /api/v1/items/{id}/reminders` (agents, directors, admin): every rung of every version. */
export const listReminders = defineRpc({
  pattern: 'notifications.reminders.list',
  request: z.object({ kind: deadlineKindSchema, subjectId: idSchema }).strict(),
  response: z.object({
    deadlineKey: z.string(),
    version: z.number().int(),
    status: z.enum(['open', 'paused', 'closed']),
    dueAt: z.string().nullable(),
    rungs: z.array(reminderRungViewSchema),
  }),
});
