import { z } from 'zod';
import { configSettingSchema } from '../config-setting.schema';
import { defineRpc } from '../rpc';

export const registryThresholdsSchema = z.object({
  /** 全程代办 is mandatory strictly above this total investment, in 万元. */
  agencyWan: configSettingSchema(z.string()),
  /** 专班 / major project strictly above this total investment, in 万元. */
  taskForceWan: configSettingSchema(z.string()),
});
export type RegistryThresholds = z.infer<typeof registryThresholdsSchema>;

/** The investment thresholds the registry applies (admin only). */
export const registryConfigThresholds = defineRpc({
  pattern: 'registry.config.thresholds',
  request: z.strictObject({}),
  response: registryThresholdsSchema,
});
