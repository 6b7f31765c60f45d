import { z } from 'zod';
import { defineRpc } from '../rpc';
import {
  reportLandRowSchema,
  reportLightSchema,
  reportProjectRowSchema,
  reportQuarterSchema,
  reportYearSchema,
} from './reporting-common.schema';

/** One measure at the end of the quarter: the quarter alone, year to date, and against the annual target. */
export const quarterMeasureSchema = z.object({
  quarter: z.number(),
  yearToDate: z.number(),
  annualTarget: z.number().nullable(),
  completionPercent: z.number().nullable(),
  expectedPercent: z.number(),
  behindPoints: z.number().nullable(),
  /** DOMAIN.md "Quarterly tracking"; null when no target is set. */
  light: reportLightSchema.nullable(),
});
export type QuarterMeasure = z.infer<typeof quarterMeasureSchema>;

export const quarterlyUnitSchema = z.object({
  countyCode: z.string(),
  countyName: z.string(),
  parkId: z.string().nullable(),
  parkName: z.string().nullable(),
  newStarts: quarterMeasureSchema.extend({ projects: z.array(reportProjectRowSchema) }),
  newProduction: quarterMeasureSchema.extend({ projects: z.array(reportProjectRowSchema) }),
  reservedMu: quarterMeasureSchema.extend({ records: z.array(reportLandRowSchema) }),
  revitalizedMu: quarterMeasureSchema.extend({ records: z.array(reportLandRowSchema) }),
});
export type QuarterlyUnit = z.infer<typeof quarterlyUnitSchema>;

export const quarterlyRequestSchema = z.strictObject({
  year: reportYearSchema,
  quarter: reportQuarterSchema,
});

export const quarterlyResponseSchema = z.object({
  year: z.number().int(),
  quarter: z.number().int(),
  periodStart: z.string(),
  periodEnd: z.string(),
  counties: z.array(quarterlyUnitSchema),
  parks: z.array(quarterlyUnitSchema),
  /**
   * Null when every unit lists all its projects and land records; otherwise each list stops after this many
   * (in date order) while the counts stay whole — the xlsx export always lists them all.
   */
  listLimit: z.number().int().nullable(),
});
export type QuarterlyReport = z.infer<typeof quarterlyResponseSchema>;

/** GET /api/v1/reports/quarterly?year=&quarter= — 新开工/新投产/新收储/新盘活 per county and park. */
export const reportingQuarterly = defineRpc({
  pattern: 'reporting.reports.quarterly',
  request: quarterlyRequestSchema,
  response: quarterlyResponseSchema,
  timeoutMs: 15_000,
});
