import { z } from 'zod';
import { countyCodeSchema, idSchema } from '@daiban/contracts';

export const idParams = z.strictObject({ id: idSchema });
export const parksQuery = z.strictObject({
  countyCode: countyCodeSchema.optional(),
  includeInactive: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const emptyQuery = z.strictObject({});
