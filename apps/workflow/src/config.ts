import type { z } from 'zod';
import { serviceEnv } from '@daiban/config';

export const workflowEnv = serviceEnv('workflow', 3002);
export type WorkflowConfig = z.infer<typeof workflowEnv>;
