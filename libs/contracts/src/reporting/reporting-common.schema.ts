import { z } from 'zod';

/** Request numbers arrive as JSON numbers over request-reply and as strings from a query string. */
export const reportYearSchema = z.coerce.number().int().min(2000).max(2100);
export const reportQuarterSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(4)
  .transform((q) => q as 1 | 2 | 3 | 4);
export const departmentCodeSchema = z.string().regex(/^[a-z0-9_]{1,32}$/, { message: '部门代码格式不正确' });
export const reportLightSchema = z.enum(['green', 'yellow', 'red']);
/** 万元 as an exact decimal string: sums of money never pass through a float. */
export const wanAmountSchema = z.string();

export const reportProjectRowSchema = z.object({
  projectId: z.string(),
  name: z.string().nullable(),
  projectCode: z.string().nullable(),
  countyCode: z.string(),
  parkId: z.string(),
  parkName: z.string().nullable(),
  industryChain: z.string().nullable(),
  totalInvestmentWan: wanAmountSchema.nullable(),
  /** The milestone date the row is counted by. */
  date: z.string(),
  inQuarter: z.boolean(),
});
export type ReportProjectRow = z.infer<typeof reportProjectRowSchema>;

export const reportLandRowSchema = z.object({
  landRecordId: z.string(),
  countyCode: z.string(),
  parkId: z.string(),
  parkName: z.string().nullable(),
  kind: z.enum(['reserved', 'revitalized']),
  areaMu: z.number(),
  date: z.string(),
  inQuarter: z.boolean(),
});
export type ReportLandRow = z.infer<typeof reportLandRowSchema>;

export const supervisionOrderRefSchema = z.object({
  orderId: z.string(),
  state: z.string(),
  level: z.number().int().nullable(),
});

export const overdueRowSchema = z.object({
  itemId: z.string(),
  caseId: z.string().nullable(),
  projectId: z.string(),
  projectName: z.string().nullable(),
  projectCode: z.string().nullable(),
  catalogCode: z.string(),
  departmentCode: z.string(),
  countyCode: z.string(),
  parkId: z.string(),
  parkName: z.string().nullable(),
  agentUserId: z.string().nullable(),
  agentName: z.string().nullable(),
  state: z.string(),
  clock: z.string().nullable(),
  dueDate: z.string().nullable(),
  light: z.enum(['yellow', 'red']),
  /** Working days past the due date as of now (0 while only yellow). */
  workingDaysOverdue: z.number().int(),
  major: z.boolean(),
  greenChannel: z.boolean(),
  supervisionOrder: supervisionOrderRefSchema.nullable(),
});
export type OverdueRow = z.infer<typeof overdueRowSchema>;

export const openRequestRowSchema = z.object({
  requestId: z.string(),
  projectId: z.string(),
  projectName: z.string().nullable(),
  countyCode: z.string(),
  parkId: z.string(),
  category: z.string().nullable(),
  state: z.string(),
  departmentCode: z.string().nullable(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
});
export type OpenRequestRow = z.infer<typeof openRequestRowSchema>;

export const openSupervisionOrderRowSchema = z.object({
  orderId: z.string(),
  itemId: z.string().nullable(),
  projectId: z.string(),
  projectName: z.string().nullable(),
  countyCode: z.string(),
  parkId: z.string(),
  departmentCode: z.string().nullable(),
  level: z.number().int().nullable(),
  state: z.string(),
  issuedAt: z.string().nullable(),
  feedbackDueAt: z.string().nullable(),
});
export type OpenSupervisionOrderRow = z.infer<typeof openSupervisionOrderRowSchema>;
