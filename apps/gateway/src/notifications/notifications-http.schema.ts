import { z } from 'zod';
import {
  SUPERVISION_ORDER_STATUSES,
  channelTargetInputSchema,
  idSchema,
  updateMyPreferences,
} from '@daiban/contracts';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const uuidParams = z.strictObject({ id: z.uuid() });
export const itemParams = z.strictObject({ id: idSchema });
export const emptyQuery = z.strictObject({});

export const inboxQuery = z.strictObject({
  unreadOnly: flag.optional(),
  limit: count(1, 100).optional(),
  before: z.iso.datetime({ offset: true }).optional(),
});

export const markReadBody = z.strictObject({ ids: z.array(z.uuid()).min(1).max(200) });

export const preferencesBody = updateMyPreferences.request;

export const supervisionListQuery = z.strictObject({
  status: z.enum(SUPERVISION_ORDER_STATUSES).optional(),
  limit: count(1, 100).optional(),
  offset: count(0, 100_000).optional(),
});

const version = { expectedVersion: z.number().int().optional() };

/** The order id comes from the path, so the body is the RPC request without it. */
export const supervisionActionBody = z.discriminatedUnion('action', [
  z.strictObject({ ...version, action: z.literal('sign') }),
  z.strictObject({ ...version, action: z.literal('feedback'), text: z.string().min(1).max(4000) }),
  z.strictObject({
    ...version,
    action: z.literal('review'),
    accepted: z.boolean(),
    note: z.string().max(2000).default(''),
  }),
  z.strictObject({ ...version, action: z.literal('close'), note: z.string().max(2000).default('') }),
]);

export const channelTargetBody = channelTargetInputSchema;
