import { z } from 'zod';

/** Who caused a change; events carry ids, never personal data. */
export const actorSchema = z.object({
  userId: z.string().nullable(),
  role: z.string().nullable(),
});
export type Actor = z.infer<typeof actorSchema>;

export const SYSTEM_ACTOR: Actor = { userId: null, role: 'system' };

export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  aggregateId: z.string().min(1),
  aggregateVersion: z.number().int().nonnegative(),
  actor: actorSchema,
  correlationId: z.string().min(1),
  causationId: z.string().nullable(),
  payload: z.unknown(),
});

export type EventEnvelope<P = unknown> = Omit<z.infer<typeof envelopeSchema>, 'payload'> & { payload: P };
