import { z } from 'zod';
import { serviceEnv } from '@daiban/config';
import { WAN_YUAN_PATTERN } from '@daiban/contracts';

const wanYuan = (fallback: string) =>
  z.string().regex(WAN_YUAN_PATTERN, 'expected an amount in 万元 with at most 2 decimals').default(fallback);

/**
 * Thresholds are strict "greater than" bounds in 万元 (DOMAIN.md, Agency eligibility): exactly 10000
 * is not over. They are read per write, so a changed value applies from the next registration or edit.
 */
export const registryEnv = serviceEnv('registry', 3001).extend({
  REGISTRY_AGENCY_THRESHOLD_WAN: wanYuan('10000'),
  REGISTRY_TASK_FORCE_THRESHOLD_WAN: wanYuan('50000'),
});
export type RegistryConfig = z.infer<typeof registryEnv>;
