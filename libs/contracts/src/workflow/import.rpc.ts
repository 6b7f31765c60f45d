import { z } from 'zod';
import { defineRpc } from '../rpc';

/** Ledger files up to this size; beyond it the gateway stages the upload in the blob store. */
export const IMPORT_MAX_BYTES = 8 * 1024 * 1024;
export const IMPORT_INLINE_MAX_BYTES = 512 * 1024;

export const importRowErrorSchema = z.object({
  /** 1-based, counting the header row as row 1 (what a spreadsheet shows). */
  row: z.int(),
  /** The Chinese column header, or null for a problem with the whole row or file. */
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

/**
 * POST /api/v1/cases/import — an .xlsx or UTF-8 .csv 台账 of items in progress. Every row is validated
 * first; any error fails the whole import with VALIDATION_FAILED and `details.errors` (row, column,
 * message); otherwise every row goes in, in one transaction, through the item actions with backdated times.
 */
export const workflowImportRun = defineRpc({
  pattern: 'workflow.import.run',
  request: z.strictObject({
    filename: z.string().trim().min(1).max(255),
    content: z.union([
      z.strictObject({ staged: z.string().regex(/^[0-9a-f]{64}$/) }),
      z.strictObject({ base64: z.base64().max(Math.ceil(IMPORT_INLINE_MAX_BYTES / 3) * 4) }),
    ]),
  }),
  response: z.object({
    rows: z.int(),
    items: z.int(),
    actions: z.int(),
    ledgerEntries: z.int(),
    events: z.int(),
    elapsedMs: z.int(),
  }),
  timeoutMs: 120_000,
});

/** The template: an .xlsx with the Chinese headers, an example row and a sheet explaining each column. */
export const workflowImportTemplate = defineRpc({
  pattern: 'workflow.import.template',
  request: z.strictObject({}),
  response: z.object({ filename: z.string(), contentType: z.string(), base64: z.string() }),
});
