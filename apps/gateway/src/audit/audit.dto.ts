import { z } from 'zod';
import { AUDIT_RESULTS } from './audit-entry.entity';

export const auditQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  actorId: z.string().max(64).optional(),
  action: z.string().max(100).optional(),
  objectType: z.string().max(50).optional(),
  objectId: z.string().max(200).optional(),
  result: z.enum(AUDIT_RESULTS).optional(),
  /** Keyset paging: pass the previous page's `nextBefore`. */
  before: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const auditEntryResponse = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  result: z.enum(AUDIT_RESULTS),
  errorCode: z.string().nullable(),
  ip: z.string().nullable(),
  correlationId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const auditListResponse = z.object({
  items: z.array(auditEntryResponse),
  nextBefore: z.string().nullable(),
});
