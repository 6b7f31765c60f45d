import { z } from 'zod';
import { defineRpc } from '../rpc';
import { reportYearSchema } from './reporting-common.schema';

export const evaluationWeightsSchema = z.strictObject({
  newStarts: z.number().min(0).max(100),
  newProduction: z.number().min(0).max(100),
  reservedMu: z.number().min(0).max(100),
  revitalizedMu: z.number().min(0).max(100),
  onTimeRate: z.number().min(0).max(100),
});
export type EvaluationWeights = z.infer<typeof evaluationWeightsSchema>;

export const parkEvaluationRowSchema = z.object({
  rank: z.number().int(),
  parkId: z.string(),
  parkName: z.string().nullable(),
  countyCode: z.string(),
  countyName: z.string(),
  newStarts: z.number().int(),
  newProduction: z.number().int(),
  reservedMu: z.number(),
  revitalizedMu: z.number(),
  onTimeRate: z.number().nullable(),
  /** Weighted sum of each measure divided by the best park's value, on a 0–100 scale. */
  score: z.number(),
});
export type ParkEvaluationRow = z.infer<typeof parkEvaluationRowSchema>;

/** GET /api/v1/reports/park-evaluation?year= — weights default to the year's targets, a request may override. */
export const reportingParkEvaluation = defineRpc({
  pattern: 'reporting.reports.parkEvaluation',
  request: z.strictObject({ year: reportYearSchema, weights: evaluationWeightsSchema.optional() }),
  response: z.object({
    year: z.number().int(),
    weights: evaluationWeightsSchema,
    rows: z.array(parkEvaluationRowSchema),
  }),
  timeoutMs: 15_000,
});
