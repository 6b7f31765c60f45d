import type { RequestAction, RequestState, Role } from '@daiban/contracts';

export interface RequestRule {
  from: readonly RequestState[];
  to: RequestState | 'same';
  roles: readonly Role[];
}

/**
 * 企业诉求 transitions as data. Routing is the center director's (DOMAIN.md "routes it to a department or
 * agent"); re-routing an open request is allowed so a wrong department can hand it back through the director.
 * Only the enterprise confirms or reopens: closing with confirmation is its word, not ours.
 */
export const REQUEST_RULES: Record<RequestAction, RequestRule> = {
  route: { from: ['raised', 'routed'], to: 'routed', roles: ['center_director', 'admin'] },
  answer: { from: ['routed'], to: 'answered', roles: ['department_officer', 'agent', 'center_director'] },
  confirm: { from: ['answered'], to: 'closed', roles: ['enterprise'] },
  reopen: { from: ['answered'], to: 'routed', roles: ['enterprise'] },
  close: { from: ['raised', 'routed', 'answered'], to: 'closed', roles: ['center_director', 'admin'] },
};

export type RequestDecision = { ok: true; to: RequestState } | { ok: false; reason: 'role' | 'state' };

/** Role before state, so a caller with no business on a request never learns its state. */
export function decideRequestTransition(
  action: RequestAction,
  state: RequestState,
  role: Role,
): RequestDecision {
  const rule = REQUEST_RULES[action];
  if (!rule.roles.includes(role)) return { ok: false, reason: 'role' };
  if (!rule.from.includes(state)) return { ok: false, reason: 'state' };
  return { ok: true, to: rule.to === 'same' ? state : rule.to };
}

/** Raising is the enterprise's; an agent may record one on its behalf (phone, visit). */
export const RAISE_ROLES: readonly Role[] = ['enterprise', 'agent'];
export const READ_ROLES: readonly Role[] = [
  'admin',
  'center_director',
  'agent',
  'department_officer',
  'enterprise',
  'leader',
];
