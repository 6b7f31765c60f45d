import { z } from 'zod';
import { defineRpc, idSchema } from '../rpc';

/**
 * How to reach users, asked of the gateway (which owns users) at the moment a message is sent.
 * Personal data (个人信息保护法): the answer is used for one send and never stored by the caller; the
 * `identity.user.changed` event deliberately carries none of it.
 *
 * Only the notifications service may call it: the handler refuses callers that are not `admin`
 * (services call as SYSTEM_CALLER). In production the subject is also closed by NATS user permissions:
 * only the gateway's NATS user may subscribe to `<ns>.rpc.gateway.users.contacts` and only the
 * notifications user may publish to it (`publish.allow` on that user; `publish.deny` for the others).
 */
export const userContacts = defineRpc({
  pattern: 'gateway.users.contacts',
  request: z.object({ userIds: z.array(idSchema).min(1).max(200) }).strict(),
  response: z.object({
    /** One entry per known user id; unknown ids are left out. */
    contacts: z.array(
      z.object({
        userId: z.string(),
        email: z.string().nullable(),
        phone: z.string().nullable(),
        enabled: z.boolean(),
      }),
    ),
  }),
  timeoutMs: 3000,
});
export type UserContact = z.infer<typeof userContacts.response>['contacts'][number];
