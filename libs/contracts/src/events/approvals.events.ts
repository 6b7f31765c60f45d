import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { placeSchema } from './place';
import {
  CASE_STATES,
  ITEM_ACTIONS,
  ITEM_STATES,
  instantString,
  localDateString,
} from '../workflow/vocabulary';

/**
 * Names and the case's agent, added after v1 was published (hence optional: stored events lack them) so
 * that notifications can address and word a message without calling back. Names are not personal data.
 */
const readerContext = {
  projectName: z.string().optional(),
  /** The case's agent at the time of the event; null while none is assigned. */
  agentUserId: z.string().nullable().optional(),
};

const caseRef = {
  caseId: z.string(),
  projectId: z.string(),
  place: placeSchema,
  ...readerContext,
};

const itemRef = {
  itemId: z.string(),
  caseId: z.string(),
  projectId: z.string(),
  catalogCode: z.string(),
  place: placeSchema,
  ...readerContext,
  itemName: z.string().optional(),
};

export const caseOpened = defineEvent({
  type: 'approvals.case.opened',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object({
    ...caseRef,
    state: z.enum(CASE_STATES),
    /** `registry`: opened by the projectRegistered/Updated event for agencyRequired; `request`: opted in. */
    openedBy: z.enum(['registry', 'request']),
    agencyRequired: z.boolean(),
  }),
});

export const caseAgreementSigned = defineEvent({
  type: 'approvals.case.agreementSigned',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object({
    ...caseRef,
    signedOn: localDateString,
    coverage: z.enum(['whole', 'items']),
    serviceLevel: z.enum(['agency', 'accompany']),
    catalogVersion: z.number().int().positive(),
    itemIds: z.array(z.string()),
  }),
});

export const caseAgentAssigned = defineEvent({
  type: 'approvals.case.agentAssigned',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object({
    ...caseRef,
    agentUserId: z.string(),
    previousAgentUserId: z.string().nullable(),
  }),
});

export const caseSuspended = defineEvent({
  type: 'approvals.case.suspended',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object({ ...caseRef }),
});

export const caseResumed = defineEvent({
  type: 'approvals.case.resumed',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object({ ...caseRef }),
});

export const caseTerminated = defineEvent({
  type: 'approvals.case.terminated',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object({
    ...caseRef,
    from: z.enum(CASE_STATES),
    /** `project_cancelled` when the registry cancelled the project; otherwise a person terminated it. */
    cause: z.enum(['revoked', 'project_cancelled']),
  }),
});

export const caseHandedOver = defineEvent({
  type: 'approvals.case.handedOver',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object({ ...caseRef }),
});

export const caseClosed = defineEvent({
  type: 'approvals.case.closed',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object({ ...caseRef, rating: z.number().int().min(1).max(5) }),
});

export const itemTransitioned = defineEvent({
  type: 'approvals.item.transitioned',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object({
    ...itemRef,
    action: z.enum(ITEM_ACTIONS),
    from: z.enum(ITEM_STATES),
    to: z.enum(ITEM_STATES),
    /** When it happened in the world; earlier than `recordedAt` for history entered later. */
    effectiveAt: instantString,
    recordedAt: instantString,
    actor: z.object({ userId: z.string().nullable(), role: z.string() }),
    itemVersion: z.number().int().positive(),
    departmentCode: z.string(),
    /** 补正 (one complete list, 一次性告知), 容缺 or 承诺 materials named by the action, when it names any. */
    materials: z.array(z.string()).optional(),
    /** The reasons of a denial or a waiver. */
    reason: z.string().optional(),
    /** 受理: the legal acceptance date (the submission date when deemed accepted under 第32条). */
    acceptedOn: localDateString.nullable().optional(),
  }),
});

/** An instant a reminder scheduler fires at (00:00 Asia/Shanghai of `date`), see libs/calendar. */
const milestoneSchema = z.object({ date: localDateString, at: instantString, provisional: z.boolean() });

/**
 * Everything a reminder scheduler needs for one item's clock, so it never calls back. `clock` names which
 * clock: the statutory time limit, or the 5-working-day acceptance decision of 行政许可法 第32条. `active:
 * false` means the clock stopped for good (result issued, item closed): drop every reminder of the item.
 */
export const itemDeadlineChanged = defineEvent({
  type: 'approvals.item.deadlineChanged',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object({
    ...itemRef,
    departmentCode: z.string(),
    clock: z.enum(['time_limit', 'acceptance_decision']),
    active: z.boolean(),
    deadlineVersion: z.number().int().positive(),
    reason: z.enum([
      'submitted',
      'accepted',
      'deemed_accepted',
      'pause_started',
      'pause_ended',
      'extended',
      'calendar_changed',
      'stopped',
    ]),
    startedOn: localDateString.nullable(),
    dueDate: localDateString.nullable(),
    dueAt: instantString.nullable(),
    limit: z.number().int().nonnegative(),
    legalLimit: z.number().int().nonnegative().nullable(),
    unit: z.enum(['working_days', 'calendar_days']),
    provisional: z.boolean(),
    paused: z.boolean(),
    yellowAt: milestoneSchema.nullable(),
    redAt: milestoneSchema.nullable(),
    /** Escalation rungs 3 and 4 (DOMAIN.md): the instants the item becomes N working days overdue. */
    overdueRungs: z.array(
      z.object({ workingDays: z.number().int().positive(), at: milestoneSchema.nullable() }),
    ),
    greenChannel: z.boolean(),
    major: z.boolean(),
  }),
});

const sideDeadline = {
  ...itemRef,
  departmentCode: z.string(),
  dueDate: localDateString,
  dueAt: instantString,
  materials: z.array(z.string()),
  yellowAt: milestoneSchema.nullable(),
  redAt: milestoneSchema,
  greenChannel: z.boolean(),
  major: z.boolean(),
};

/** 承诺制: the materials promised after approval and their own due date. */
export const commitmentDeadlineSet = defineEvent({
  type: 'approvals.commitment.deadlineSet',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object(sideDeadline),
});

export const commitmentDeadlineCleared = defineEvent({
  type: 'approvals.commitment.deadlineCleared',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object({
    ...itemRef,
    departmentCode: z.string(),
    outcome: z.enum(['fulfilled', 'breached', 'item_closed']),
  }),
});

/** 容缺受理: the non-core materials accepted missing and their due date. */
export const deficiencyDeadlineSet = defineEvent({
  type: 'approvals.deficiency.deadlineSet',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object(sideDeadline),
});

export const deficiencyDeadlineCleared = defineEvent({
  type: 'approvals.deficiency.deadlineCleared',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object({
    ...itemRef,
    departmentCode: z.string(),
    outcome: z.enum(['cleared', 'item_closed']),
  }),
});

const requestRef = {
  requestId: z.string(),
  projectId: z.string(),
  place: placeSchema,
};

/** 企业诉求 (enterprise requests). */
export const requestRaised = defineEvent({
  type: 'approvals.request.raised',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object({
    ...requestRef,
    category: z.string(),
    dueDate: localDateString,
    dueAt: instantString,
    deadlineVersion: z.number().int().positive(),
  }),
});

export const requestRouted = defineEvent({
  type: 'approvals.request.routed',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object({
    ...requestRef,
    toDepartmentCode: z.string().nullable(),
    toAgentUserId: z.string().nullable(),
  }),
});

export const requestAnswered = defineEvent({
  type: 'approvals.request.answered',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object({ ...requestRef, answeredAt: instantString }),
});

export const requestClosed = defineEvent({
  type: 'approvals.request.closed',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object({ ...requestRef, confirmedByEnterprise: z.boolean() }),
});

/** The enterprise was not satisfied with the answer: back to whoever it was routed to, with a new deadline. */
export const requestReopened = defineEvent({
  type: 'approvals.request.reopened',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object({
    ...requestRef,
    reopenCount: z.number().int().positive(),
    toDepartmentCode: z.string().nullable(),
    toAgentUserId: z.string().nullable(),
  }),
});

/**
 * The answer deadline of a request, with the same meaning as `approvals.item.deadlineChanged`: a scheduler
 * keys its reminders on (requestId, deadlineVersion) and drops every reminder of the request on
 * `active: false` (answered or closed). Reopening starts a new version from the day of the reopen.
 */
export const requestDeadlineChanged = defineEvent({
  type: 'approvals.request.deadlineChanged',
  version: 1,
  stream: 'APPROVALS',
  payload: z.object({
    ...requestRef,
    active: z.boolean(),
    deadlineVersion: z.number().int().positive(),
    reason: z.enum(['raised', 'reopened', 'routed', 'calendar_changed', 'stopped']),
    /** Who owes the answer now (null while awaiting routing: the center director). */
    toDepartmentCode: z.string().nullable(),
    toAgentUserId: z.string().nullable(),
    startedOn: localDateString,
    dueDate: localDateString,
    dueAt: instantString,
    limit: z.number().int().positive(),
    unit: z.literal('working_days'),
    provisional: z.boolean(),
    yellowAt: milestoneSchema.nullable(),
    redAt: milestoneSchema.nullable(),
    overdueRungs: z.array(
      z.object({ workingDays: z.number().int().positive(), at: milestoneSchema.nullable() }),
    ),
    greenChannel: z.boolean(),
    major: z.boolean(),
  }),
});
