import { scopeCovers, type ScopedResource } from '@daiban/auth';
import { DomainError, type Caller, type Place, type Role } from '@daiban/contracts';
import { MSG } from './workflow-messages.constant';

export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new DomainError('UNAUTHENTICATED', MSG.noCaller);
  return caller;
}

/** Outside the caller's scope a resource does not exist (404), so existence never leaks. */
export function assertVisible(caller: Caller, resource: ScopedResource | null, notFound: string): void {
  if (!resource || !scopeCovers(caller.scope, resource)) throw new DomainError('NOT_FOUND', notFound);
}

export function assertRole(caller: Caller, roles: readonly Role[]): void {
  if (!roles.includes(caller.role)) throw new DomainError('FORBIDDEN', MSG.roleForbidden);
}

export function placeOf(
  row: { enterpriseId: string; parkId: string; countyCode: string },
  departmentCodes: readonly string[],
): Place {
  return {
    enterpriseId: row.enterpriseId,
    parkId: row.parkId,
    countyCode: row.countyCode,
    departmentCodes: [...new Set(departmentCodes)].sort(),
  };
}

export function actorOf(caller: Caller) {
  return { userId: caller.userId, role: caller.role };
}
