import { ITEM_ACTIONS, type ItemAction, type ItemState, type Role } from '@daiban/contracts';

/** Where an action leads: a fixed state, back to the state the item was in before a pause, or unchanged. */
export type ItemTarget = ItemState | 'resume' | 'unchanged';

export interface ItemRule {
  from: readonly ItemState[];
  to: ItemTarget;
  roles: readonly Role[];
  /** Fields the action's request must carry (enforced by its schema in libs/contracts). */
  requiredFields: readonly string[];
  /** Named checks run before the change (see item-preconditions.ts). */
  preconditions: readonly ItemPrecondition[];
}

export type ItemPrecondition =
  | 'project_code'
  | 'prerequisites'
  | 'commitment_allowed'
  | 'deficiency_allowed'
  | 'procedure_excluded'
  | 'extension_longer'
  | 'seal_approver'
  | 'due_after_at'
  | 'deficiency_cleared'
  | 'deficiency_open'
  | 'commitment_pending'
  | 'commitment_overdue';

const RECORDERS: readonly Role[] = ['department_officer', 'agent'];
const DEPARTMENT: readonly Role[] = ['department_officer'];
const AGENT: readonly Role[] = ['agent'];
const DECIDABLE: readonly ItemState[] = ['accepted', 'accepted_with_deficiency', 'extended'];
const WITH_RESULT_PENDING_COMMITMENT: readonly ItemState[] = [
  'approved_on_commitment',
  'result_collected',
  'handed_over',
];

/**
 * The item lifecycle of DOMAIN.md as data. Department officers act on their department's items; agents
 * record what departments decided offline (DOMAIN.md roles: "records 受理/补正/特别程序/办结") but cannot
 * grant an extension or verify a commitment, which only the department may. Anything not listed here is
 * refused (403 for a role, 409 ILLEGAL_TRANSITION for a state).
 */
export const ITEM_RULES: Readonly<Record<ItemAction, ItemRule>> = {
  prepare: { from: ['not_started'], to: 'preparing', roles: AGENT, requiredFields: [], preconditions: [] },
  submit: {
    from: ['preparing', 'correction_requested'],
    to: 'submitted',
    roles: AGENT,
    requiredFields: [],
    preconditions: ['project_code', 'prerequisites'],
  },
  request_correction: {
    from: ['submitted'],
    to: 'correction_requested',
    roles: RECORDERS,
    requiredFields: ['materials'],
    preconditions: [],
  },
  accept: { from: ['submitted'], to: 'accepted', roles: RECORDERS, requiredFields: [], preconditions: [] },
  accept_with_deficiency: {
    from: ['submitted'],
    to: 'accepted_with_deficiency',
    roles: RECORDERS,
    requiredFields: ['materials', 'dueOn'],
    preconditions: ['deficiency_allowed', 'due_after_at'],
  },
  not_accept: {
    from: ['submitted'],
    to: 'not_accepted',
    roles: RECORDERS,
    requiredFields: ['reason'],
    preconditions: [],
  },
  replan: { from: ['not_accepted'], to: 'preparing', roles: AGENT, requiredFields: [], preconditions: [] },
  start_special_procedure: {
    from: DECIDABLE,
    to: 'special_procedure',
    roles: RECORDERS,
    requiredFields: ['kind', 'estimate', 'estimatedWorkingDays'],
    preconditions: ['procedure_excluded'],
  },
  end_special_procedure: {
    from: ['special_procedure'],
    to: 'resume',
    roles: RECORDERS,
    requiredFields: [],
    preconditions: [],
  },
  extend: {
    from: DECIDABLE,
    to: 'extended',
    roles: DEPARTMENT,
    requiredFields: ['newLimit', 'reason'],
    preconditions: ['extension_longer'],
  },
  approve: {
    from: DECIDABLE,
    to: 'approved',
    roles: RECORDERS,
    requiredFields: ['resultDocNo', 'issuedVia'],
    preconditions: ['seal_approver'],
  },
  approve_on_commitment: {
    from: DECIDABLE,
    to: 'approved_on_commitment',
    roles: RECORDERS,
    requiredFields: ['resultDocNo', 'issuedVia', 'materials', 'commitmentDueOn'],
    preconditions: ['commitment_allowed', 'seal_approver', 'due_after_at'],
  },
  deny: { from: DECIDABLE, to: 'denied', roles: RECORDERS, requiredFields: ['reason'], preconditions: [] },
  clear_deficiency: {
    from: ['accepted_with_deficiency', 'special_procedure', 'extended', 'approved', 'approved_on_commitment'],
    to: 'unchanged',
    roles: DEPARTMENT,
    requiredFields: [],
    preconditions: ['deficiency_open'],
  },
  fulfil_commitment: {
    from: WITH_RESULT_PENDING_COMMITMENT,
    to: 'unchanged',
    roles: DEPARTMENT,
    requiredFields: [],
    preconditions: ['commitment_pending'],
  },
  record_commitment_breach: {
    from: WITH_RESULT_PENDING_COMMITMENT,
    to: 'commitment_breached',
    roles: DEPARTMENT,
    requiredFields: [],
    preconditions: ['commitment_pending', 'commitment_overdue'],
  },
  collect_result: {
    from: ['approved', 'approved_on_commitment'],
    to: 'result_collected',
    roles: AGENT,
    requiredFields: [],
    preconditions: ['deficiency_cleared'],
  },
  hand_over: {
    from: ['result_collected'],
    to: 'handed_over',
    roles: AGENT,
    requiredFields: ['receiptNo'],
    preconditions: [],
  },
  waive: {
    from: ['not_started', 'preparing', 'submitted', 'correction_requested', 'not_accepted'],
    to: 'waived',
    roles: ['agent', 'center_director'],
    requiredFields: ['reason'],
    preconditions: [],
  },
};

/** States in which the statutory time limit runs (or is paused by a special procedure). */
export const CLOCK_STATES: readonly ItemState[] = [
  'accepted',
  'accepted_with_deficiency',
  'special_procedure',
  'extended',
];

/** An item in one of these needs nothing more for the case to be handed over. */
export const DONE_STATES: readonly ItemState[] = ['handed_over', 'waived', 'denied', 'commitment_breached'];

export type Transition =
  { ok: true; to: ItemState } | { ok: false; reason: 'role' } | { ok: false; reason: 'state' };

/**
 * The pure decision: may `role` do `action` on an item in `from`? Role is checked before state, so a
 * caller with no business on the item never learns its state from the error.
 * `resumeState` is the state a special procedure interrupted; `clear_deficiency` lands on `accepted`.
 */
export function decideTransition(
  action: ItemAction,
  from: ItemState,
  role: Role,
  resumeState: ItemState | null = null,
): Transition {
  const rule = ITEM_RULES[action];
  if (!rule.roles.includes(role)) return { ok: false, reason: 'role' };
  if (!rule.from.includes(from)) return { ok: false, reason: 'state' };
  if (rule.to === 'resume') return { ok: true, to: resumeState ?? 'accepted' };
  if (rule.to === 'unchanged') {
    return {
      ok: true,
      to: action === 'clear_deficiency' && from === 'accepted_with_deficiency' ? 'accepted' : from,
    };
  }
  return { ok: true, to: rule.to };
}

/** Every role that may perform at least one item action. */
export function rolesWithActions(): Role[] {
  return [...new Set(Object.values(ITEM_RULES).flatMap((rule) => rule.roles))];
}

/** What the item page needs to know, beyond state and role, to offer only actions that can succeed. */
export interface ActionOffer {
  state: ItemState;
  role: Role;
  /** Agents act only on the cases assigned to them. */
  assignedAgent: boolean;
  caseActive: boolean;
  commitmentAllowed: boolean;
  deficiencyAllowed: boolean;
  /** The catalog lets this item pause for at least one kind of special procedure. */
  procedureExcludable: boolean;
  deficiencyOpen: boolean;
  commitmentPending: boolean;
  commitmentOverdue: boolean;
}

/**
 * The preconditions that depend on the item alone (not on the request's fields): an action failing one of
 * them would always be refused, so it is not offered.
 */
const ITEM_ONLY_CHECKS: Partial<Record<ItemPrecondition, (offer: ActionOffer) => boolean>> = {
  commitment_allowed: (offer) => offer.commitmentAllowed,
  deficiency_allowed: (offer) => offer.deficiencyAllowed,
  procedure_excluded: (offer) => offer.procedureExcludable,
  deficiency_cleared: (offer) => !offer.deficiencyOpen,
  deficiency_open: (offer) => offer.deficiencyOpen,
  commitment_pending: (offer) => offer.commitmentPending,
  commitment_overdue: (offer) => offer.commitmentOverdue,
};

/** The actions the caller may take on the item now, in the table's order (the item page's buttons). */
export function allowedItemActions(offer: ActionOffer): ItemAction[] {
  if (!offer.caseActive) return [];
  if (offer.role === 'agent' && !offer.assignedAgent) return [];
  return ITEM_ACTIONS.filter((action) => {
    if (!decideTransition(action, offer.state, offer.role).ok) return false;
    return ITEM_RULES[action].preconditions.every((name) => ITEM_ONLY_CHECKS[name]?.(offer) ?? true);
  });
}
