import { z } from 'zod';
import { defineRpc, idSchema } from '../rpc';
import { itemViewSchema } from './items.rpc';
import { CASE_STATES, instantString, localDateString } from './vocabulary';

const text = (max: number) => z.string().trim().min(1, { message: '不能为空' }).max(max);

export const caseViewSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  projectCode: z.string().nullable(),
  enterpriseId: z.string(),
  parkId: z.string(),
  countyCode: z.string(),
  state: z.enum(CASE_STATES),
  version: z.int(),
  agencyRequired: z.boolean(),
  greenChannel: z.boolean(),
  major: z.boolean(),
  openedBy: z.enum(['registry', 'request']),
  openedAt: instantString,
  coverage: z.enum(['whole', 'items']).nullable(),
  serviceLevel: z.enum(['agency', 'accompany']).nullable(),
  agreementSignedOn: localDateString.nullable(),
  agentUserId: z.string().nullable(),
  catalogVersion: z.int().nullable(),
  terminationReason: z.string().nullable(),
  rating: z.int().nullable(),
  ratingComment: z.string().nullable(),
  /** Items the caller may see: a department officer sees only those routed to its department. */
  items: z.array(itemViewSchema),
});
export type CaseView = z.infer<typeof caseViewSchema>;

const caseId = { caseId: idSchema, expectedVersion: z.int().positive().optional() };

export const workflowCaseGet = defineRpc({
  pattern: 'workflow.cases.get',
  request: z.strictObject({ caseId: idSchema }),
  response: caseViewSchema,
});

export const workflowCaseGetByProject = defineRpc({
  pattern: 'workflow.cases.getByProject',
  request: z.strictObject({ projectId: idSchema }),
  response: caseViewSchema,
});

/** POST /api/v1/projects/{id}/case: opt-in for a project below the mandatory threshold. */
export const workflowCaseOpen = defineRpc({
  pattern: 'workflow.cases.open',
  request: z.strictObject({ projectId: idSchema }),
  response: caseViewSchema,
});

/** POST /api/v1/cases/{id}/agreement: generates the checklist from the current catalog. */
export const workflowCaseSignAgreement = defineRpc({
  pattern: 'workflow.cases.signAgreement',
  request: z
    .strictObject({
      ...caseId,
      signedOn: localDateString,
      coverage: z.enum(['whole', 'items']),
      /** Catalog codes chosen when `coverage` is `items`. */
      itemCodes: z.array(z.string()).max(200).optional(),
      serviceLevel: z.enum(['agency', 'accompany']).default('agency'),
    })
    .refine((v) => v.coverage === 'whole' || (v.itemCodes?.length ?? 0) > 0, {
      message: '委托部分事项时须选择事项',
      path: ['itemCodes'],
    }),
  response: caseViewSchema,
});

export const workflowCaseAssignAgent = defineRpc({
  pattern: 'workflow.cases.assignAgent',
  request: z.strictObject({ ...caseId, agentUserId: idSchema }),
  response: caseViewSchema,
});

export const workflowCaseSuspend = defineRpc({
  pattern: 'workflow.cases.suspend',
  request: z.strictObject({ ...caseId, reason: text(1000) }),
  response: caseViewSchema,
});

export const workflowCaseResume = defineRpc({
  pattern: 'workflow.cases.resume',
  request: z.strictObject({ ...caseId, note: z.string().max(1000).optional() }),
  response: caseViewSchema,
});

export const workflowCaseTerminate = defineRpc({
  pattern: 'workflow.cases.terminate',
  request: z.strictObject({ ...caseId, reason: text(1000) }),
  response: caseViewSchema,
});

export const workflowCaseClose = defineRpc({
  pattern: 'workflow.cases.close',
  request: z.strictObject({
    ...caseId,
    rating: z.int().min(1, { message: '评分应为 1–5' }).max(5, { message: '评分应为 1–5' }),
    comment: z.string().max(2000).optional(),
  }),
  response: caseViewSchema,
});

export const CASE_LIST_PAGE_SIZE_MAX = 100;

/** The cases in the caller's scope, newest first: the park board's list (one query, no case per project). */
export const caseListRequestSchema = z.strictObject({
  states: z.array(z.enum(CASE_STATES)).max(CASE_STATES.length).optional(),
  agentUserId: idSchema.optional(),
  page: z.int().min(1).default(1),
  pageSize: z.int().min(1).max(CASE_LIST_PAGE_SIZE_MAX).default(20),
});

export const caseListEntrySchema = caseViewSchema
  .pick({
    id: true,
    projectId: true,
    projectName: true,
    projectCode: true,
    enterpriseId: true,
    parkId: true,
    countyCode: true,
    state: true,
    version: true,
    agencyRequired: true,
    greenChannel: true,
    major: true,
    openedAt: true,
    agentUserId: true,
  })
  .extend({
    /** The case's items by their light now; items without a running clock have none and are not counted. */
    lights: z.object({ green: z.int(), yellow: z.int(), red: z.int() }),
  });
export type CaseListEntry = z.infer<typeof caseListEntrySchema>;

export const workflowCaseList = defineRpc({
  pattern: 'workflow.cases.list',
  request: caseListRequestSchema,
  response: z.object({
    items: z.array(caseListEntrySchema),
    total: z.int(),
    page: z.int(),
    pageSize: z.int(),
  }),
});
