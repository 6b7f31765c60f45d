import { z } from 'zod';

export type Light = 'green' | 'yellow' | 'red';

export const lightThresholdsSchema = z.strictObject({
  /** Yellow once elapsed ≥ this share of the limit, in percent. */
  yellowElapsedPercent: z.number().gt(0).max(100),
  /** The same for green-channel (绿色通道) items, which are warned earlier. */
  greenChannelYellowElapsedPercent: z.number().gt(0).max(100),
  /** Yellow once at most this many days of the limit remain, whatever the share. */
  yellowRemainingDays: z.int().min(0),
});

export type LightThresholds = z.infer<typeof lightThresholdsSchema>;

/** DOMAIN.md "Lights and escalation"; admins may override them. */
export const DEFAULT_LIGHT_THRESHOLDS: Readonly<LightThresholds> = Object.freeze({
  yellowElapsedPercent: 80,
  greenChannelYellowElapsedPercent: 60,
  yellowRemainingDays: 1,
});

/** Escalation rungs 3 and 4 of DOMAIN.md, in working days overdue. */
export const DEFAULT_OVERDUE_ESCALATION_WORKING_DAYS: readonly number[] = Object.freeze([3, 10]);
