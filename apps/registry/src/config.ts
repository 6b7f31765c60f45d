import type { z } from 'zod';
import { serviceEnv } from '@daiban/config';

export const registryEnv = serviceEnv('registry', 3001);
export type RegistryConfig = z.infer<typeof registryEnv>;
