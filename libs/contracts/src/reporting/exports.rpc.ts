import { z } from 'zod';
import { countyCodeSchema } from '../registry/reference.rpc';
import { defineRpc } from '../rpc';
import { reportQuarterSchema, reportYearSchema } from './reporting-common.schema';
import { overdueRequestSchema } from './overdue.rpc';
import { evaluationWeightsSchema } from './park-evaluation.rpc';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Raw bytes per chunk. Base64 makes it 4/3 larger (699,052 characters), which with the JSON around it stays
 * under NATS's default 1 MiB max_payload. A file of one chunk comes back whole; a bigger one is kept for
 * a short while and the gateway fetches the rest with `reportingExportChunk`, streaming them to the client.
 */
export const EXPORT_CHUNK_BYTES = 512 * 1024;

const format = z.enum(EXPORT_FORMATS);

/** `?format=xlsx|csv` on any report route: the same parameters as the report, plus the format. */
export const exportRequestSchema = z.discriminatedUnion('report', [
  z.strictObject({ report: z.literal('overview'), format, params: z.strictObject({}).default({}) }),
  z.strictObject({
    report: z.literal('overdue'),
    format,
    params: overdueRequestSchema
      .omit({ page: true, pageSize: true })
      .default({ sort: 'dueDate', order: 'asc' }),
  }),
  z.strictObject({
    report: z.literal('departments'),
    format,
    params: z.strictObject({ year: reportYearSchema.optional() }).default({}),
  }),
  z.strictObject({ report: z.literal('agents'), format, params: z.strictObject({}).default({}) }),
  z.strictObject({
    report: z.literal('quarterly'),
    format,
    params: z.strictObject({ year: reportYearSchema, quarter: reportQuarterSchema }),
  }),
  z.strictObject({
    report: z.literal('parkEvaluation'),
    format,
    params: z.strictObject({ year: reportYearSchema, weights: evaluationWeightsSchema.optional() }),
  }),
  z.strictObject({
    report: z.literal('investment'),
    format,
    params: z.strictObject({ year: reportYearSchema }),
  }),
  z.strictObject({
    report: z.literal('briefing'),
    format,
    params: z.strictObject({
      year: reportYearSchema,
      quarter: reportQuarterSchema,
      countyCode: countyCodeSchema.optional(),
    }),
  }),
]);
export type ExportRequest = z.input<typeof exportRequestSchema>;

export const exportFileSchema = z.object({
  /** Set when `chunkCount` > 1: the handle for the remaining chunks, valid for a few minutes, caller only. */
  exportId: z.string().nullable(),
  filename: z.string(),
  contentType: z.string(),
  byteLength: z.number().int(),
  chunkCount: z.number().int(),
  /** Chunk 0, base64. */
  base64: z.string(),
});
export type ExportFile = z.infer<typeof exportFileSchema>;

export const reportingExport = defineRpc({
  pattern: 'reporting.exports.create',
  request: exportRequestSchema,
  response: exportFileSchema,
  timeoutMs: 60_000,
});

export const reportingExportChunk = defineRpc({
  pattern: 'reporting.exports.chunk',
  request: z.strictObject({ exportId: z.uuid(), index: z.number().int().min(1).max(10_000) }),
  response: z.object({ index: z.number().int(), base64: z.string() }),
  timeoutMs: 15_000,
});
