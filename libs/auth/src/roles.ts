import { ROLES, type Role, type Scope } from '@daiban/contracts';

/** Which kinds of scope each role may hold; anything else is refused when a user is created or changed. */
export const ROLE_SCOPE_KINDS: Record<Role, readonly Scope['kind'][]> = {
  admin: ['city'],
  center_director: ['park'],
  agent: ['park'],
  department_officer: ['department'],
  enterprise: ['enterprise'],
  leader: ['county', 'city'],
  // 三权分立: the auditor reads the audit trail and nothing of the business data.
  auditor: ['none'],
};

export const STAFF_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'enterprise');

export function isStaffRole(role: Role): boolean {
  return role !== 'enterprise';
}

export function roleAllowsScope(role: Role, scope: Scope): boolean {
  return ROLE_SCOPE_KINDS[role].includes(scope.kind);
}
