import type { z } from 'zod';
import { serviceEnv } from '@daiban/config';

export const gatewayEnv = serviceEnv('gateway', 3000);
export type GatewayConfig = z.infer<typeof gatewayEnv>;
