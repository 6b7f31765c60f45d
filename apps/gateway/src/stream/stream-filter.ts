import { placeSchema, type Caller } from '@daiban/contracts';
import { scopeCovers } from '@daiban/auth';

/**
 * Whether an event may be pushed to the caller: a notification only to its recipient, a scoped
 * event only when its `place` is inside the caller's scope. Anything else (no place, malformed)
 * is withheld — an event nobody can place is an event nobody sees.
 */
export function concernsCaller(caller: Caller, envelope: unknown): boolean {
  if (!envelope || typeof envelope !== 'object') return false;
  const payload = (envelope as { payload?: unknown }).payload;
  if (!payload || typeof payload !== 'object') return false;
  const { recipientUserId, place } = payload as { recipientUserId?: unknown; place?: unknown };
  if (recipientUserId !== undefined)
    return typeof recipientUserId === 'string' && recipientUserId === caller.userId;
  const parsed = placeSchema.safeParse(place);
  return parsed.success && scopeCovers(caller.scope, parsed.data);
}
