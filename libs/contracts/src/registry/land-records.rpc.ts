import { z } from 'zod';
import { defineRpc } from '../rpc';
import {
  idSchema,
  localDateSchema,
  pageOf,
  pageQueryShape,
  positiveAreaMuSchema,
} from './registry-common.schema';

export const LAND_KINDS = ['reserved', 'revitalized'] as const;

export const landRecordViewSchema = z.object({
  id: z.string(),
  parkId: z.string(),
  countyCode: z.string(),
  kind: z.enum(LAND_KINDS),
  areaMu: z.string(),
  date: z.string(),
  parcel: z.string(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

export const recordLandBodySchema = z.strictObject({
  kind: z.enum(LAND_KINDS),
  areaMu: positiveAreaMuSchema,
  date: localDateSchema,
  parcel: z.string().trim().min(1).max(200),
  note: z.string().trim().max(1000).nullable().optional(),
});

export const recordLand = defineRpc({
  pattern: 'registry.land.record',
  request: recordLandBodySchema.extend({ parkId: idSchema }),
  response: landRecordViewSchema,
});

const listLandShape = {
  ...pageQueryShape,
  kind: z.enum(LAND_KINDS).optional(),
  from: localDateSchema.optional(),
  to: localDateSchema.optional(),
};
export const listLandQuerySchema = z.strictObject(listLandShape);

export const listLand = defineRpc({
  pattern: 'registry.land.list',
  request: z.strictObject({ ...listLandShape, parkId: idSchema }),
  response: pageOf(landRecordViewSchema).extend({
    /** Sums over every matching record, not just this page (亩, exact). */
    totals: z.object({ reserved: z.string(), revitalized: z.string() }),
  }),
});
