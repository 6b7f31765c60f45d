/**
 * Money in 万元 as exact decimal strings with at most 2 decimals. Arithmetic goes through integer
 * hundredths (BigInt), so 10000 and 10000.01 can never round into each other.
 */
export const WAN_YUAN_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

export function wanYuanToCents(value: string): bigint {
  if (!WAN_YUAN_PATTERN.test(value)) throw new Error(`not a 万元 amount: ${value}`);
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

export function centsToWanYuan(cents: bigint): string {
  const whole = cents / 100n;
  const fraction = (cents % 100n).toString().padStart(2, '0');
  return `${whole}.${fraction}`;
}

/** PostgreSQL gives numeric(14,2) back as `12345.00`; the API answers the same canonical form. */
export function normalizeWanYuan(value: string): string {
  return centsToWanYuan(wanYuanToCents(value));
}

export function compareWanYuan(a: string, b: string): -1 | 0 | 1 {
  const d = wanYuanToCents(a) - wanYuanToCents(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** 1亿元 = 10000 万元. */
export const WAN_YUAN_PER_YI = 10000n;

/** 招商 targets count signed projects by tier (DOMAIN.md); lower bound inclusive, upper exclusive. */
export const INVESTMENT_TIERS = [
  'gte_100yi',
  'from_50_to_100yi',
  'from_10_to_50yi',
  'from_5_to_10yi',
  'below_5yi',
] as const;
export type InvestmentTier = (typeof INVESTMENT_TIERS)[number];

/** Lower bounds in 万元 (null = no bound); the SQL and the code both read this table. */
export const INVESTMENT_TIER_BOUNDS: Record<InvestmentTier, { min: string | null; max: string | null }> = {
  gte_100yi: { min: '1000000', max: null },
  from_50_to_100yi: { min: '500000', max: '1000000' },
  from_10_to_50yi: { min: '100000', max: '500000' },
  from_5_to_10yi: { min: '50000', max: '100000' },
  below_5yi: { min: null, max: '50000' },
};

export function investmentTierOf(totalInvestment: string): InvestmentTier {
  for (const tier of INVESTMENT_TIERS) {
    const { min, max } = INVESTMENT_TIER_BOUNDS[tier];
    if (
      (min === null || compareWanYuan(totalInvestment, min) >= 0) &&
      (max === null || compareWanYuan(totalInvestment, max) < 0)
    )
      return tier;
  }
  return 'below_5yi';
}
