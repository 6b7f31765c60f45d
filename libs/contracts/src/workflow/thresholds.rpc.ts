import { z } from 'zod';
import { configSettingSchema } from '../config-setting.schema';
import { defineRpc } from '../rpc';

const workingDays = configSettingSchema(z.int());

export const workflowThresholdsSchema = z.object({
  /** A submission neither accepted nor returned within this many working days counts as accepted. */
  acceptanceDecisionWorkingDays: workingDays,
  /** The answer deadline of a 企业诉求. */
  requestLimitWorkingDays: workingDays,
});
export type WorkflowThresholds = z.infer<typeof workflowThresholdsSchema>;

/** The time limits the workflow applies (admin only). */
export const workflowConfigThresholds = defineRpc({
  pattern: 'workflow.config.thresholds',
  request: z.strictObject({}),
  response: workflowThresholdsSchema,
});
