import { z } from 'zod';
import { countyCodeSchema } from '../registry/reference.rpc';
import { defineRpc } from '../rpc';
import {
  openRequestRowSchema,
  openSupervisionOrderRowSchema,
  overdueRowSchema,
  reportLandRowSchema,
  reportProjectRowSchema,
  reportQuarterSchema,
  reportYearSchema,
} from './reporting-common.schema';
import { quarterMeasureSchema } from './quarterly.rpc';

export const briefingCountySchema = z.object({
  countyCode: z.string(),
  countyName: z.string(),
  measures: z.object({
    newStarts: quarterMeasureSchema,
    newProduction: quarterMeasureSchema,
    reservedMu: quarterMeasureSchema,
    revitalizedMu: quarterMeasureSchema,
  }),
  newStarts: z.array(reportProjectRowSchema),
  newProduction: z.array(reportProjectRowSchema),
  reserved: z.array(reportLandRowSchema),
  revitalized: z.array(reportLandRowSchema),
  overdueItems: z.array(overdueRowSchema),
  openRequests: z.array(openRequestRowSchema),
  openSupervisionOrders: z.array(openSupervisionOrderRowSchema),
});
export type BriefingCounty = z.infer<typeof briefingCountySchema>;

export const briefingRequestSchema = z.strictObject({
  year: reportYearSchema,
  quarter: reportQuarterSchema,
  countyCode: countyCodeSchema.optional(),
});

export const briefingResponseSchema = z.object({
  year: z.number().int(),
  quarter: z.number().int(),
  asOf: z.string(),
  counties: z.array(briefingCountySchema),
});
export type Briefing = z.infer<typeof briefingResponseSchema>;

/** GET /api/v1/reports/briefing — the quarterly 现场会 pack, per county; as .xlsx it is one workbook. */
export const reportingBriefing = defineRpc({
  pattern: 'reporting.reports.briefing',
  request: briefingRequestSchema,
  response: briefingResponseSchema,
  timeoutMs: 20_000,
});
