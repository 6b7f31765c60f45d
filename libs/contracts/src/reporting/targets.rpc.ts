import { z } from 'zod';
import { countyCodeSchema } from '../registry/reference.rpc';
import { defineRpc, idSchema } from '../rpc';
import { reportYearSchema } from './reporting-common.schema';
import { evaluationWeightsSchema } from './park-evaluation.rpc';

const count = z.number().int().min(0).max(100_000);
const mu = z.number().min(0).max(10_000_000).nullable();

export const unitTargetsSchema = z.strictObject({
  newStarts: count,
  newProduction: count,
  /** 亩; null: no target, the measure is reported without a light. */
  reservedMu: mu,
  revitalizedMu: mu,
});
export type UnitTargets = z.infer<typeof unitTargetsSchema>;

export const yearTargetsSchema = z.strictObject({
  /** Every county's annual targets unless `counties` names it. */
  countyDefaults: unitTargetsSchema,
  counties: z.record(countyCodeSchema, unitTargetsSchema.partial()).default({}),
  /** Parks have no targets unless set here. */
  parks: z.record(idSchema, unitTargetsSchema.partial()).default({}),
  /** The city's yearly 招商 targets: signed projects per investment tier. */
  investmentTiers: z.strictObject({
    gte_100yi: count,
    from_50_to_100yi: count,
    from_10_to_50yi: count,
    from_5_to_10yi: count,
  }),
  evaluationWeights: evaluationWeightsSchema,
});
export type YearTargets = z.infer<typeof yearTargetsSchema>;

/** DOMAIN.md: ≥ 10 新开工 and ≥ 5 新投产 per county; 招商 ≥100亿: 10, 50–100亿: 10, 10–50亿: 20, 5–10亿: 20. */
export const DEFAULT_YEAR_TARGETS: YearTargets = {
  countyDefaults: { newStarts: 10, newProduction: 5, reservedMu: null, revitalizedMu: null },
  counties: {},
  parks: {},
  investmentTiers: { gte_100yi: 10, from_50_to_100yi: 10, from_10_to_50yi: 20, from_5_to_10yi: 20 },
  evaluationWeights: { newStarts: 25, newProduction: 25, reservedMu: 15, revitalizedMu: 15, onTimeRate: 20 },
};

export const targetsViewSchema = z.object({
  year: z.number().int(),
  /** 0 while the defaults apply; a PUT must send the version it read. */
  version: z.number().int(),
  targets: yearTargetsSchema,
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type TargetsView = z.infer<typeof targetsViewSchema>;

/** GET /api/v1/targets/{year} */
export const reportingTargetsGet = defineRpc({
  pattern: 'reporting.targets.get',
  request: z.strictObject({ year: reportYearSchema }),
  response: targetsViewSchema,
});

/** PUT /api/v1/targets/{year} (admin) — replaces the year's targets; `expectedVersion` guards lost updates. */
export const reportingTargetsPut = defineRpc({
  pattern: 'reporting.targets.put',
  request: z.strictObject({
    year: reportYearSchema,
    expectedVersion: z.number().int().min(0),
    targets: yearTargetsSchema,
  }),
  response: targetsViewSchema,
});
