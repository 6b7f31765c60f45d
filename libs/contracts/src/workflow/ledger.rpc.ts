import { z } from 'zod';
import { defineRpc, idSchema } from '../rpc';
import { instantString } from './vocabulary';

export const ledgerEntrySchema = z.object({
  id: z.string(),
  /** Null for a request on a project that has no case. */
  caseId: z.string().nullable(),
  itemId: z.string().nullable(),
  requestId: z.string().nullable(),
  attachmentId: z.string().nullable(),
  itemName: z.string().nullable(),
  subject: z.enum(['case', 'item', 'request', 'attachment']),
  action: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  actorUserId: z.string().nullable(),
  actorRole: z.string(),
  effectiveAt: instantString,
  recordedAt: instantString,
  fields: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

/** GET /api/v1/cases/{id}/ledger, in effective-time order. */
export const workflowLedgerList = defineRpc({
  pattern: 'workflow.ledger.list',
  request: z.strictObject({ caseId: idSchema }),
  response: z.object({ entries: z.array(ledgerEntrySchema) }),
});

/** The same as an .xlsx workbook (base64), for the export button. */
export const workflowLedgerExport = defineRpc({
  pattern: 'workflow.ledger.export',
  request: z.strictObject({ caseId: idSchema }),
  response: z.object({ filename: z.string(), contentType: z.string(), base64: z.string() }),
  timeoutMs: 30_000,
});
