import { z } from 'zod';
import { defineRpc } from '../rpc';
import { reportYearSchema } from './reporting-common.schema';

export const departmentRowSchema = z.object({
  departmentCode: z.string(),
  departmentName: z.string(),
  /** Items decided (approved, approved on commitment or denied). */
  handled: z.number().int(),
  decidedOnTime: z.number().int(),
  onTimeRate: z.number().nullable(),
  /** Working days from acceptance to decision, special procedures excluded. */
  avgWorkingDaysToDecision: z.number().nullable(),
  /** 补正 rounds per submitted item. */
  correctionRoundsPerItem: z.number().nullable(),
  currentOverdue: z.number().int(),
  currentYellow: z.number().int(),
});
export type DepartmentRow = z.infer<typeof departmentRowSchema>;

/** GET /api/v1/reports/departments — `year` limits "handled" to items decided in that year. */
export const reportingDepartments = defineRpc({
  pattern: 'reporting.reports.departments',
  request: z.strictObject({ year: reportYearSchema.optional() }),
  response: z.object({
    asOf: z.string(),
    year: z.number().int().nullable(),
    rows: z.array(departmentRowSchema),
  }),
  timeoutMs: 15_000,
});
