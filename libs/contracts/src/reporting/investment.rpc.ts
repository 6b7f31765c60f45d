import { z } from 'zod';
import { defineRpc } from '../rpc';
import { INVESTMENT_TIERS } from '../registry/wan-yuan.util';
import { reportYearSchema, wanAmountSchema } from './reporting-common.schema';

/**
 * The tiers the city's yearly 招商 targets count (the registry's tiers, 1亿 = 10000 万元, lower bound included);
 * projects below 5亿 are listed but count toward no target.
 */
export const TARGET_TIERS = ['gte_100yi', 'from_50_to_100yi', 'from_10_to_50yi', 'from_5_to_10yi'] as const;
export type TargetTier = (typeof TARGET_TIERS)[number];

const tierCounts = z.object({
  gte_100yi: z.number().int(),
  from_50_to_100yi: z.number().int(),
  from_10_to_50yi: z.number().int(),
  from_5_to_10yi: z.number().int(),
  below_5yi: z.number().int(),
});

export const investmentResponseSchema = z.object({
  year: z.number().int(),
  tiers: z.array(
    z.object({
      tier: z.enum(TARGET_TIERS),
      label: z.string(),
      target: z.number().int(),
      actual: z.number().int(),
      completionPercent: z.number().nullable(),
    }),
  ),
  byCounty: z.array(
    z.object({
      countyCode: z.string(),
      countyName: z.string(),
      counts: tierCounts,
      investmentWan: wanAmountSchema,
    }),
  ),
  byChain: z.array(
    z.object({ industryChain: z.string(), counts: tierCounts, investmentWan: wanAmountSchema }),
  ),
  projects: z.array(
    z.object({
      projectId: z.string(),
      name: z.string().nullable(),
      countyCode: z.string(),
      parkId: z.string(),
      industryChain: z.string().nullable(),
      totalInvestmentWan: wanAmountSchema,
      tier: z.enum(INVESTMENT_TIERS),
      signedOn: z.string(),
    }),
  ),
});
export type InvestmentReport = z.infer<typeof investmentResponseSchema>;

/** GET /api/v1/reports/investment?year= — projects signed in the year by 招商 tier, county and chain. */
export const reportingInvestment = defineRpc({
  pattern: 'reporting.reports.investment',
  request: z.strictObject({ year: reportYearSchema }),
  response: investmentResponseSchema,
  timeoutMs: 15_000,
});
