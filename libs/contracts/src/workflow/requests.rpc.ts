import { z } from 'zod';
import { defineRpc, idSchema } from '../rpc';
import { LIGHTS, instantString, localDateString } from './vocabulary';
import { ledgerEntrySchema } from './ledger.rpc';

const text = (max: number) => z.string().trim().min(1, { message: '不能为空' }).max(max);

/** 企业诉求 categories; the Chinese names live in the workflow's message catalog. */
export const REQUEST_CATEGORIES = [
  'approval',
  'land',
  'planning',
  'environment',
  'utilities',
  'construction',
  'finance',
  'policy',
  'other',
] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];

/**
 * `raised` (awaiting the center director) → `routed` (a department or an agent owes an answer) →
 * `answered` → `closed` on the enterprise's confirmation; an unsatisfied enterprise reopens it (back to
 * `routed`, with a new deadline). The director or an admin may close it without confirmation, with reason.
 */
export const REQUEST_STATES = ['raised', 'routed', 'answered', 'closed'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const REQUEST_ACTIONS = ['route', 'answer', 'confirm', 'reopen', 'close'] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

export const requestViewSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  caseId: z.string().nullable(),
  enterpriseId: z.string(),
  parkId: z.string(),
  countyCode: z.string(),
  category: z.enum(REQUEST_CATEGORIES),
  description: z.string(),
  attachmentIds: z.array(z.string()),
  state: z.enum(REQUEST_STATES),
  version: z.int(),
  raisedBy: z.string(),
  raisedAt: instantString,
  routedToDepartmentCode: z.string().nullable(),
  routedToAgentUserId: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: instantString.nullable(),
  confirmedByEnterprise: z.boolean().nullable(),
  closeReason: z.string().nullable(),
  reopenCount: z.int(),
  /** The answer deadline in working days (default 5); restarted from the day of a reopen. */
  limit: z.int(),
  startedOn: localDateString,
  dueDate: localDateString,
  dueAt: instantString,
  deadlineVersion: z.int(),
  /** False once answered or closed: the clock is for an answer. */
  deadlineActive: z.boolean(),
  provisional: z.boolean(),
  workingDaysLeft: z.int().nullable(),
  overdueBy: z.int().nullable(),
  /** Computed at read time from the deadline and the clock; null when no clock runs. */
  light: z.enum(LIGHTS).nullable(),
});
export type RequestView = z.infer<typeof requestViewSchema>;

/** GET /api/v1/requests — filtered by the caller's scope; filters and paging from allow-lists. */
export const workflowRequestList = defineRpc({
  pattern: 'workflow.requests.list',
  request: z.strictObject({
    states: z.array(z.enum(REQUEST_STATES)).max(REQUEST_STATES.length).optional(),
    projectId: idSchema.optional(),
    category: z.enum(REQUEST_CATEGORIES).optional(),
    /** Only requests whose answer deadline has passed (still unanswered). */
    overdue: z.boolean().optional(),
    page: z.int().min(1).max(10_000).default(1),
    pageSize: z.int().min(1).max(100).default(20),
  }),
  response: z.object({
    total: z.int(),
    page: z.int(),
    pageSize: z.int(),
    requests: z.array(requestViewSchema),
  }),
});

export const workflowRequestGet = defineRpc({
  pattern: 'workflow.requests.get',
  request: z.strictObject({ requestId: idSchema }),
  response: requestViewSchema.extend({ history: z.array(ledgerEntrySchema) }),
});

/** POST /api/v1/requests — an enterprise raises a problem on one of its projects. */
export const workflowRequestRaise = defineRpc({
  pattern: 'workflow.requests.raise',
  request: z.strictObject({
    projectId: idSchema,
    category: z.enum(REQUEST_CATEGORIES),
    description: text(4000),
    /** Attachments uploaded to the project beforehand (workflow.attachments.register with `projectId`). */
    attachmentIds: z.array(idSchema).max(20).default([]),
  }),
  response: requestViewSchema,
});

const common = {
  requestId: idSchema,
  note: z.string().max(2000).optional(),
  expectedVersion: z.int().positive().optional(),
};
const action = <A extends string, S extends z.ZodRawShape>(name: A, shape: S) =>
  z.strictObject({ action: z.literal(name), ...common, ...shape });

export const requestActionSchema = z.discriminatedUnion('action', [
  action('route', {
    toDepartmentCode: z
      .string()
      .regex(/^[a-z0-9_]{1,32}$/)
      .optional(),
    toAgentUserId: idSchema.optional(),
  }).refine((r) => (r.toDepartmentCode === undefined) !== (r.toAgentUserId === undefined), {
    message: '须且仅须指定一个承办部门或代办员',
  }),
  action('answer', { answer: text(4000) }),
  action('confirm', {}),
  action('reopen', { reason: text(2000) }),
  action('close', { reason: text(2000) }),
]);
export type RequestActionRequest = z.infer<typeof requestActionSchema>;

/** POST /api/v1/requests/{id}/actions — illegal transitions answer ILLEGAL_TRANSITION (409). */
export const workflowRequestAct = defineRpc({
  pattern: 'workflow.requests.act',
  request: requestActionSchema,
  response: requestViewSchema,
});
