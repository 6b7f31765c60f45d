import { z } from 'zod';
import { countyCodeSchema } from '../registry/reference.rpc';
import { defineRpc, idSchema } from '../rpc';
import { departmentCodeSchema, overdueRowSchema } from './reporting-common.schema';

/** Sort keys the caller may choose; each maps to a fixed SQL expression in the service. */
export const OVERDUE_SORTS = ['dueDate', 'department', 'project', 'county', 'state'] as const;

export const overdueRequestSchema = z.strictObject({
  light: z.enum(['yellow', 'red']).optional(),
  countyCode: countyCodeSchema.optional(),
  parkId: idSchema.optional(),
  departmentCode: departmentCodeSchema.optional(),
  agentUserId: idSchema.optional(),
  projectId: idSchema.optional(),
  major: z.boolean().optional(),
  sort: z.enum(OVERDUE_SORTS).default('dueDate'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type OverdueRequest = z.input<typeof overdueRequestSchema>;

export const overdueResponseSchema = z.object({
  asOf: z.string(),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  rows: z.array(overdueRowSchema),
});
export type OverdueResponse = z.infer<typeof overdueResponseSchema>;

/** GET /api/v1/reports/overdue — overdue (red) and yellow items with what a leader needs to chase them. */
export const reportingOverdue = defineRpc({
  pattern: 'reporting.reports.overdue',
  request: overdueRequestSchema,
  response: overdueResponseSchema,
  timeoutMs: 15_000,
});
