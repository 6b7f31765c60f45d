import { z } from 'zod';

export const streamQuery = z.strictObject({
  /** Single-use ticket from POST /api/v1/stream/ticket, for EventSource, which cannot send headers. */
  ticket: z.string().max(2048).optional(),
  /** For clients that cannot set the Last-Event-ID header on a fresh connection. */
  lastEventId: z.string().max(40).optional(),
});

export const ticketResponse = z.object({ ticket: z.string(), expiresIn: z.number().int() });

/** What each SSE `data:` line carries (ids only, as events do). */
export const liveEventSchema = z.object({
  stream: z.enum(['APPROVALS', 'NOTIFICATIONS']),
  sequence: z.number().int(),
  type: z.string(),
  aggregateId: z.string(),
  occurredAt: z.string(),
  payload: z.unknown(),
});
