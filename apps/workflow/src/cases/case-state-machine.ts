import type { CaseState, Role } from '@daiban/contracts';

export type CaseAction = 'sign_agreement' | 'assign_agent' | 'suspend' | 'resume' | 'terminate' | 'close';

interface CaseRule {
  from: readonly CaseState[];
  /** `unchanged`: reassigning an agent keeps the case where it is. */
  to: (from: CaseState) => CaseState;
  roles: readonly Role[];
}

/** DOMAIN.md "Case (代办件) lifecycle"; handed_over is reached by the items, not by an action. */
export const CASE_RULES: Readonly<Record<CaseAction, CaseRule>> = {
  sign_agreement: {
    from: ['awaiting_agreement'],
    to: () => 'agreement_signed',
    roles: ['enterprise', 'agent', 'center_director'],
  },
  assign_agent: {
    from: ['agreement_signed', 'in_progress', 'suspended'],
    to: (from) => (from === 'agreement_signed' ? 'in_progress' : from),
    roles: ['center_director'],
  },
  suspend: { from: ['in_progress'], to: () => 'suspended', roles: ['agent', 'center_director'] },
  resume: { from: ['suspended'], to: () => 'in_progress', roles: ['agent', 'center_director'] },
  terminate: {
    from: ['awaiting_agreement', 'agreement_signed', 'in_progress', 'suspended', 'handed_over'],
    to: () => 'terminated',
    roles: ['enterprise', 'center_director'],
  },
  close: { from: ['handed_over'], to: () => 'closed', roles: ['enterprise'] },
};
