import { z } from 'zod';
import { defineRpc, idSchema } from '../rpc';
import {
  CATALOG_STAGES,
  ITEM_ACTIONS,
  ISSUED_VIA,
  ITEM_STATES,
  LIGHTS,
  SPECIAL_PROCEDURE_KINDS,
  instantString,
  localDateString,
} from './vocabulary';

const text = (max: number) => z.string().trim().min(1, { message: '不能为空' }).max(max);
const materials = z.array(text(200)).min(1, { message: '至少列出一项材料' }).max(100);

/** Fields every action takes: `at` (effective time; past only for agents and admins), a note, optimistic lock. */
const common = {
  itemId: idSchema,
  at: instantString.optional(),
  note: z.string().max(2000).optional(),
  /** When given, the action fails with VERSION_CONFLICT unless the item is still at this version. */
  expectedVersion: z.int().positive().optional(),
};

const action = <A extends string, S extends z.ZodRawShape>(name: A, shape: S) =>
  z.strictObject({ action: z.literal(name), ...common, ...shape });

const result = {
  resultDocNo: text(100),
  issuedVia: z.enum(ISSUED_VIA),
  /** Who approved using the park's 2号章; required for `park_seal_no2`. */
  sealApprover: text(50).optional(),
};

/** POST /api/v1/items/{id}/actions — each action with exactly its own fields. */
export const itemActionRequestSchema = z.discriminatedUnion('action', [
  action('prepare', {}),
  action('submit', {
    receiptNo: text(100).optional(),
    /** Prerequisites the enterprise commits to supply later, where the catalog allows it. */
    prerequisiteCommitments: z.array(z.string()).max(50).optional(),
  }),
  action('request_correction', { materials }),
  action('accept', { receiptNo: text(100).optional() }),
  action('accept_with_deficiency', { materials, dueOn: localDateString }),
  action('not_accept', { reason: text(1000) }),
  action('replan', {}),
  action('start_special_procedure', {
    kind: z.enum(SPECIAL_PROCEDURE_KINDS),
    /** The written notice of the time needed (行政许可法 第45条). */
    estimate: text(1000),
    estimatedWorkingDays: z.int().min(1).max(365),
  }),
  action('end_special_procedure', {}),
  action('extend', { newLimit: z.int().min(1).max(3650), reason: text(1000) }),
  action('approve', result),
  action('approve_on_commitment', { ...result, materials, commitmentDueOn: localDateString }),
  action('deny', { reason: text(1000) }),
  action('clear_deficiency', {}),
  action('fulfil_commitment', {}),
  action('record_commitment_breach', {}),
  action('collect_result', {}),
  action('hand_over', { receiptNo: text(100) }),
  action('waive', { reason: text(500) }),
]);
export type ItemActionRequest = z.infer<typeof itemActionRequestSchema>;

const sideClockSchema = z.object({
  materials: z.array(z.string()),
  dueOn: localDateString,
  status: z.enum(['pending', 'fulfilled', 'breached']),
  light: z.enum(LIGHTS).nullable(),
});

export const itemViewSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  projectId: z.string(),
  catalogCode: z.string(),
  catalogVersion: z.int(),
  name: z.string(),
  stage: z.enum(CATALOG_STAGES),
  departmentCode: z.string(),
  departmentName: z.string(),
  state: z.enum(ITEM_STATES),
  version: z.int(),
  legalLimit: z.int().nullable(),
  committedLimit: z.int(),
  /** The limit in force: an approved extension replaces the committed one. */
  limit: z.int(),
  unit: z.enum(['working_days', 'calendar_days']),
  materials: z.array(z.string()),
  submittedOn: localDateString.nullable(),
  acceptedOn: localDateString.nullable(),
  /** 第32条: not decided within 5 working days of submission, so counted as accepted on the submission date. */
  deemedAccepted: z.boolean(),
  dueDate: localDateString.nullable(),
  dueAt: instantString.nullable(),
  deadlineVersion: z.int(),
  provisional: z.boolean(),
  paused: z.boolean(),
  workingDaysLeft: z.int().nullable(),
  elapsed: z.int().nullable(),
  overdueBy: z.int().nullable(),
  light: z.enum(LIGHTS).nullable(),
  correctionMaterials: z.array(z.string()),
  specialProcedures: z.array(
    z.object({
      kind: z.enum(SPECIAL_PROCEDURE_KINDS),
      startOn: localDateString,
      endOn: localDateString.nullable(),
      estimate: z.string(),
      estimatedWorkingDays: z.int(),
    }),
  ),
  commitment: sideClockSchema.nullable(),
  deficiency: sideClockSchema.nullable(),
  resultDocNo: z.string().nullable(),
  issuedVia: z.enum(ISSUED_VIA).nullable(),
  waivedReason: z.string().nullable(),
  lastEffectiveAt: instantString.nullable(),
});
export type ItemView = z.infer<typeof itemViewSchema>;

/** One item as its page shows it: the view plus what the caller may do with it now. */
export const itemDetailSchema = itemViewSchema.extend({
  /** The actions the caller's role may take from the current state, whose item-only preconditions hold. */
  allowedActions: z.array(z.enum(ITEM_ACTIONS)),
});
export type ItemDetail = z.infer<typeof itemDetailSchema>;

export const workflowItemGet = defineRpc({
  pattern: 'workflow.items.get',
  request: z.strictObject({ itemId: idSchema }),
  response: itemDetailSchema,
});

export const workflowItemAct = defineRpc({
  pattern: 'workflow.items.act',
  request: itemActionRequestSchema,
  response: itemViewSchema,
});

export const ITEM_LIST_PAGE_SIZE_MAX = 100;

/**
 * A worklist: open items by default, most urgent first (red by days overdue, then yellow, then by working
 * days left). Meant for one person's or one park's work; city-wide overviews come from reporting.
 */
export const itemListRequestSchema = z.strictObject({
  /** Only the items of cases assigned to the calling agent. */
  mine: z.boolean().default(false),
  /** false: also items already handed over, waived, denied or breached. */
  openOnly: z.boolean().default(true),
  states: z.array(z.enum(ITEM_STATES)).max(ITEM_STATES.length).optional(),
  lights: z.array(z.enum(LIGHTS)).max(LIGHTS.length).optional(),
  caseId: idSchema.optional(),
  projectId: idSchema.optional(),
  departmentCode: z
    .string()
    .regex(/^[a-z0-9_]{1,32}$/)
    .optional(),
  /** Searches the project's name and 项目代码 and the item's name. */
  q: z.string().trim().min(1).max(100).optional(),
  page: z.int().min(1).default(1),
  pageSize: z.int().min(1).max(ITEM_LIST_PAGE_SIZE_MAX).default(20),
});

export const itemListEntrySchema = itemViewSchema.extend({
  projectName: z.string(),
  projectCode: z.string().nullable(),
  enterpriseId: z.string(),
  parkId: z.string(),
  countyCode: z.string(),
  agentUserId: z.string().nullable(),
  greenChannel: z.boolean(),
  major: z.boolean(),
});
export type ItemListEntry = z.infer<typeof itemListEntrySchema>;

export const workflowItemList = defineRpc({
  pattern: 'workflow.items.list',
  request: itemListRequestSchema,
  response: z.object({
    items: z.array(itemListEntrySchema),
    total: z.int(),
    page: z.int(),
    pageSize: z.int(),
    /** True when more than the worklist cap matched: narrow the filters (or use the reports). */
    truncated: z.boolean(),
  }),
});
