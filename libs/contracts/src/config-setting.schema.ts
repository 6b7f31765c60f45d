import { z } from 'zod';

/**
 * One value a service runs with and where it comes from: an environment variable of that service
 * (`env`, `name` = the variable) or a constant of the code (`code`, `name` = the constant), so an
 * admin page can say where to change it.
 */
export const configSettingSchema = <Value extends z.ZodType>(value: Value) =>
  z.object({ value, source: z.enum(['env', 'code']), name: z.string() });
