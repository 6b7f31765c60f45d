import { z } from 'zod';

/**
 * Where an aggregate sits. Every event about a scoped aggregate (project, case, item, request,
 * supervision order) carries it, so consumers — the gateway's live stream, reporting — can filter by
 * scope without asking the owner. Ids only, never personal data.
 */
export const placeSchema = z.object({
  enterpriseId: z.string(),
  parkId: z.string(),
  countyCode: z.string(),
  departmentCodes: z.array(z.string()).default([]),
});
export type Place = z.infer<typeof placeSchema>;
