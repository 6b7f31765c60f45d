import type { z } from 'zod';
import { serviceEnv } from '@daiban/config';

export const reportingEnv = serviceEnv('reporting', 3004);
export type ReportingConfig = z.infer<typeof reportingEnv>;
