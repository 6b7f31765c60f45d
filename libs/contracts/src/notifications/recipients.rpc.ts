import { z } from 'zod';
import { ROLES, scopeSchema } from '../caller';
import { defineRpc, idSchema } from '../rpc';

/**
 * The contact card notifications keeps of a user. The gateway owns users; until its user events exist
 * it (or an admin) pushes cards here. Newer `version`s win, so replays and reordering are harmless.
 */
export const recipientCardSchema = z
  .object({
    userId: idSchema,
    role: z.enum(ROLES),
    scope: scopeSchema,
    displayName: z.string().min(1).max(100),
    email: z.email().nullable(),
    mobile: z
      .string()
      .regex(/^1\d{10}$/)
      .nullable(),
    active: z.boolean(),
    version: z.number().int().nonnegative(),
  })
  .strict();
export type RecipientCard = z.infer<typeof recipientCardSchema>;

export const upsertRecipient = defineRpc({
  pattern: 'notifications.recipients.upsert',
  request: recipientCardSchema,
  response: z.object({ applied: z.boolean() }),
});
