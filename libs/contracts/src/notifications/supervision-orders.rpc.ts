import { z } from 'zod';
import { defineRpc, idSchema } from '../rpc';
import { placeSchema } from '../events/place';
import { SUPERVISION_ORDER_STATUSES, deadlineKindSchema } from './notification-vocabulary';

export const supervisionSubjectSchema = z.object({
  kind: deadlineKindSchema,
  id: idSchema,
  title: z.string().min(1).max(200),
});

export const supervisionOrderViewSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  origin: z.enum(['automatic', 'manual']),
  status: z.enum(SUPERVISION_ORDER_STATUSES),
  version: z.number().int(),
  subject: supervisionSubjectSchema,
  deadlineKey: z.string().nullable(),
  place: placeSchema,
  toDepartmentCode: z.string(),
  issuerLevel: z.enum(['park', 'county', 'city']),
  issuedByUserId: z.string().nullable(),
  reason: z.string(),
  feedbackDays: z.number().int(),
  feedbackDueAt: z.string().nullable(),
  feedback: z.string().nullable(),
  reviewNote: z.string().nullable(),
  issuedAt: z.string(),
  signedAt: z.string().nullable(),
  feedbackAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type SupervisionOrderView = z.infer<typeof supervisionOrderViewSchema>;

/** `GET /api/v1/supervision-orders`: filtered by the caller's scope. */
export const listSupervisionOrders = defineRpc({
  pattern: 'notifications.supervisionOrder.list',
  request: z
    .object({
      status: z.enum(SUPERVISION_ORDER_STATUSES).optional(),
      limit: z.number().int().min(1).max(100).default(20),
      offset: z.number().int().min(0).max(100_000).default(0),
    })
    .strict(),
  response: z.object({ items: z.array(supervisionOrderViewSchema), total: z.number().int() }),
});

export const getSupervisionOrder = defineRpc({
  pattern: 'notifications.supervisionOrder.get',
  request: z.object({ id: z.uuid() }).strict(),
  response: supervisionOrderViewSchema,
});

/**
 * `POST /api/v1/supervision-orders` by a center director or a leader. The place comes from the
 * deadline the order is about when notifications knows it; otherwise the caller names it.
 */
export const createSupervisionOrder = defineRpc({
  pattern: 'notifications.supervisionOrder.create',
  request: z
    .object({
      subject: supervisionSubjectSchema,
      deadlineKey: z
        .string()
        .regex(/^[a-z_]+\.[A-Za-z0-9_-]+$/)
        .optional(),
      place: placeSchema.optional(),
      toDepartmentCode: idSchema,
      reason: z.string().min(1).max(2000),
      feedbackDays: z.number().int().min(1).max(60).optional(),
    })
    .strict(),
  response: supervisionOrderViewSchema,
});

export const SUPERVISION_ORDER_ACTIONS = ['sign', 'feedback', 'review', 'close'] as const;

/** `POST /api/v1/supervision-orders/{id}/actions`; `expectedVersion` guards against a stale screen. */
export const actOnSupervisionOrder = defineRpc({
  pattern: 'notifications.supervisionOrder.act',
  request: z.discriminatedUnion('action', [
    z
      .object({ id: z.uuid(), expectedVersion: z.number().int().optional(), action: z.literal('sign') })
      .strict(),
    z
      .object({
        id: z.uuid(),
        expectedVersion: z.number().int().optional(),
        action: z.literal('feedback'),
        text: z.string().min(1).max(4000),
      })
      .strict(),
    z
      .object({
        id: z.uuid(),
        expectedVersion: z.number().int().optional(),
        action: z.literal('review'),
        accepted: z.boolean(),
        note: z.string().max(2000).default(''),
      })
      .strict(),
    z
      .object({
        id: z.uuid(),
        expectedVersion: z.number().int().optional(),
        action: z.literal('close'),
        note: z.string().max(2000).default(''),
      })
      .strict(),
  ]),
  response: supervisionOrderViewSchema,
});
