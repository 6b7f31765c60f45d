import { DomainError, type Caller, type Role } from '@daiban/contracts';
import type { ScopeColumns } from '@daiban/auth';
import { MSG } from '../registry.messages';

export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new DomainError('UNAUTHENTICATED', MSG.unauthenticated);
  return caller;
}

/**
 * Department officers are not readers here: which projects are "theirs" depends on items routed to
 * them, which only the workflow knows; it serves them the project header from the snapshots it
 * consumes. Auditors read the audit log only; admins manage reference data, not projects.
 */
export const PROJECT_READERS: readonly Role[] = ['enterprise', 'agent', 'center_director', 'leader'];
export const PROJECT_WRITERS: readonly Role[] = ['enterprise', 'agent', 'center_director'];
export const PARK_STAFF: readonly Role[] = ['agent', 'center_director'];

/** For a role that may never see the resource, it does not exist (404, as out of scope). */
export function assertRoleOrNotFound(caller: Caller, roles: readonly Role[], what: string): void {
  if (!roles.includes(caller.role)) throw new DomainError('NOT_FOUND', what);
}

/** For a resource the caller can see but not change: 403 leaks nothing. */
export function assertRoleOrForbidden(
  caller: Caller,
  roles: readonly Role[],
  message: string = MSG.forbiddenRole,
): void {
  if (!roles.includes(caller.role)) throw new DomainError('FORBIDDEN', message);
}

export const PROJECT_SCOPE_COLUMNS: ScopeColumns = {
  enterpriseId: 'p.enterprise_id',
  parkId: 'p.park_id',
  countyCode: 'p.county_code',
};

export const actorOf = (caller: Caller) => ({ userId: caller.userId, role: caller.role });

/** Wraps `%`, `_` and `\` so a search term is matched literally inside ILIKE. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = e.driverError?.code ?? e.code;
  const name = e.driverError?.constraint ?? e.constraint;
  return code === '23505' && name === constraint;
}
