import { z } from 'zod';
import { defineRpc } from '../rpc';
import { idSchema, nameSchema } from './registry-common.schema';

export const COUNTY_KINDS = ['district', 'county', 'county_city', 'functional_zone'] as const;

export const countyViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(COUNTY_KINDS),
  sortOrder: z.number().int(),
});
export type CountyView = z.infer<typeof countyViewSchema>;

export const PARK_LEVELS = ['national', 'provincial', 'municipal', 'other'] as const;

export const parkViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  level: z.enum(PARK_LEVELS),
  description: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export type ParkView = z.infer<typeof parkViewSchema>;

export const countyCodeSchema = z
  .string()
  .regex(/^(\d{6}|[A-Z0-9_]{2,16})$/, { message: '区县代码格式不正确' });
/** Park ids are stable slugs (`park-zjkfq`): users' scopes and demo data name them. */
export const parkIdSchema = z
  .string()
  .regex(/^park-[a-z0-9-]{2,40}$/, { message: '园区标识应形如 park-xxx' });

export const listCounties = defineRpc({
  pattern: 'registry.county.list',
  request: z.strictObject({}),
  response: z.object({ items: z.array(countyViewSchema) }),
});

export const listParks = defineRpc({
  pattern: 'registry.park.list',
  request: z.strictObject({
    countyCode: countyCodeSchema.optional(),
    includeInactive: z.boolean().optional(),
  }),
  response: z.object({ items: z.array(parkViewSchema) }),
});

export const createParkRequestSchema = z.strictObject({
  id: parkIdSchema,
  name: nameSchema(100),
  countyCode: countyCodeSchema,
  level: z.enum(PARK_LEVELS).default('other'),
  description: z.string().max(500).nullable().optional(),
});

export const createPark = defineRpc({
  pattern: 'registry.park.create',
  request: createParkRequestSchema,
  response: parkViewSchema,
});

/** A park's county is fixed: projects copy it for scope checks, so moving a park would move them silently. */
export const updateParkBodySchema = z.strictObject({
  version: z.number().int().positive(),
  name: nameSchema(100).optional(),
  level: z.enum(PARK_LEVELS).optional(),
  description: z.string().max(500).nullable().optional(),
  active: z.boolean().optional(),
});

export const updatePark = defineRpc({
  pattern: 'registry.park.update',
  request: updateParkBodySchema.extend({ parkId: idSchema }),
  response: parkViewSchema,
});
