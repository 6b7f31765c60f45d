import { z } from 'zod';
import { ROLES, scopeSchema } from '../caller';
import { defineEvent } from '../event-definition';

/**
 * A user as other services need to address them: who they are allowed to be, never how to reach them.
 * 个人信息保护法 (minimisation; erasure on request): streams keep events for years and cannot forget a
 * phone number, so phones and e-mail addresses stay in the gateway's `users` table. The display name is
 * carried because messages name people (“代办员：张三”); it is replaced by the next version.
 */
export const userChanged = defineEvent({
  type: 'identity.user.changed',
  version: 1,
  stream: 'IDENTITY',
  payload: z.object({
    userId: z.string(),
    role: z.enum(ROLES),
    scope: scopeSchema,
    displayName: z.string(),
    enabled: z.boolean(),
    /** Grows with every change of the user; consumers keep the newest. */
    version: z.number().int().positive(),
  }),
});
