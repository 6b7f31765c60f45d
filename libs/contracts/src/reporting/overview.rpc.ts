import { z } from 'zod';
import { defineRpc } from '../rpc';
import { wanAmountSchema } from './reporting-common.schema';

const bucket = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number().int(),
  investmentWan: wanAmountSchema,
});

export const overviewSchema = z.object({
  asOf: z.string(),
  projects: z.object({
    total: z.number().int(),
    investmentWan: wanAmountSchema,
    byStatus: z.array(bucket),
    byChain: z.array(bucket),
    byCounty: z.array(bucket),
    byPark: z.array(bucket),
  }),
  cases: z.object({
    byState: z.array(z.object({ key: z.string(), label: z.string(), count: z.number().int() })),
  }),
  items: z.object({
    byLight: z.object({ green: z.number().int(), yellow: z.number().int(), red: z.number().int() }),
    decided: z.number().int(),
    decidedOnTime: z.number().int(),
    /** Share of decided items (with a known deadline) decided by it, 0–100; null when none. */
    onTimeRate: z.number().nullable(),
  }),
  thisQuarter: z.object({
    year: z.number().int(),
    quarter: z.number().int(),
    newStarts: z.number().int(),
    newProduction: z.number().int(),
  }),
});
export type Overview = z.infer<typeof overviewSchema>;

/** GET /api/v1/reports/overview — the leader cockpit, scoped to the caller. */
export const reportingOverview = defineRpc({
  pattern: 'reporting.reports.overview',
  request: z.strictObject({}),
  response: overviewSchema,
  timeoutMs: 15_000,
});
