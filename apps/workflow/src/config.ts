import { z } from 'zod';
import { serviceEnv } from '@daiban/config';

export const workflowEnv = serviceEnv('workflow', 3002).extend({
  /** 企业诉求 answer deadline in working days (DOMAIN.md default 5). */
  REQUEST_LIMIT_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  /** Root of the local blob store (`<DATA_DIR>/blobs`); git-ignored `.data/` by default. */
  DATA_DIR: z.string().min(1).default('.data'),
  /** `local` (disk under DATA_DIR) or `s3` (configuration seam only, see attachments/README). */
  BLOB_STORE: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.string().optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().optional(),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
});
export type WorkflowConfig = z.infer<typeof workflowEnv>;

/** Nest token for the parsed configuration. */
export const WORKFLOW_CONFIG = Symbol('WORKFLOW_CONFIG');
