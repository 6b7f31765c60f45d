import type { LocalDate } from '@daiban/calendar';
import type { CatalogItem, ItemActionRequest } from '@daiban/contracts';
import { MSG } from '../common/workflow-messages.constant';
import type { ItemPrecondition } from './item-state-machine';

export interface PrerequisiteStatus {
  code: string;
  name: string;
  /** Approved (or later) or waived. */
  met: boolean;
}

export interface PreconditionContext {
  request: ItemActionRequest;
  catalog: CatalogItem;
  projectCode: string | null;
  /** The catalog prerequisites present in this case. */
  prerequisites: readonly PrerequisiteStatus[];
  effectiveDate: LocalDate;
  today: LocalDate;
  limitInForce: number;
  deficiencyOpen: boolean;
  commitmentPending: boolean;
  commitmentDueOn: LocalDate | null;
}

type Check = (ctx: PreconditionContext) => string | null;

const CHECKS: Record<ItemPrecondition, Check> = {
  project_code: (ctx) => (ctx.projectCode ? null : MSG.noProjectCode),
  prerequisites: (ctx) => {
    const committed =
      ctx.request.action === 'submit' ? new Set(ctx.request.prerequisiteCommitments ?? []) : new Set();
    for (const code of committed) {
      const edge = ctx.catalog.prerequisites.find((p) => p.code === code);
      if (!edge?.orCommitment) return MSG.prerequisiteCommitmentNotAllowed(String(code));
    }
    const unmet = ctx.prerequisites.filter((p) => !p.met && !committed.has(p.code));
    return unmet.length ? MSG.prerequisitesUnmet(unmet.map((p) => p.name).join('、')) : null;
  },
  commitment_allowed: (ctx) => (ctx.catalog.commitmentAllowed ? null : MSG.commitmentNotAllowed),
  deficiency_allowed: (ctx) => (ctx.catalog.deficiencyAllowed ? null : MSG.deficiencyNotAllowed),
  procedure_excluded: (ctx) =>
    ctx.request.action === 'start_special_procedure' &&
    !ctx.catalog.excludedProcedures.includes(ctx.request.kind)
      ? MSG.procedureNotExcluded(ctx.request.kind)
      : null,
  extension_longer: (ctx) =>
    ctx.request.action === 'extend' && ctx.request.newLimit <= ctx.limitInForce
      ? MSG.extensionNotLonger
      : null,
  seal_approver: (ctx) =>
    (ctx.request.action === 'approve' || ctx.request.action === 'approve_on_commitment') &&
    ctx.request.issuedVia === 'park_seal_no2' &&
    !ctx.request.sealApprover
      ? MSG.sealApproverRequired
      : null,
  due_after_at: (ctx) => {
    const due =
      ctx.request.action === 'accept_with_deficiency'
        ? ctx.request.dueOn
        : ctx.request.action === 'approve_on_commitment'
          ? ctx.request.commitmentDueOn
          : null;
    return due !== null && due < ctx.effectiveDate ? MSG.dueBeforeAt : null;
  },
  deficiency_cleared: (ctx) => (ctx.deficiencyOpen ? MSG.deficiencyOpen : null),
  deficiency_open: (ctx) => (ctx.deficiencyOpen ? null : MSG.noDeficiency),
  commitment_pending: (ctx) => (ctx.commitmentPending ? null : MSG.noCommitment),
  commitment_overdue: (ctx) =>
    ctx.commitmentDueOn !== null && ctx.today > ctx.commitmentDueOn ? null : MSG.commitmentNotOverdue,
};

/** The first failing precondition's message, or null when the action may proceed. */
export function firstFailedPrecondition(
  preconditions: readonly ItemPrecondition[],
  ctx: PreconditionContext,
): string | null {
  for (const name of preconditions) {
    const failure = CHECKS[name](ctx);
    if (failure) return failure;
  }
  return null;
}
