import { DomainError, type Caller, type Scope } from '@daiban/contracts';

/** Where a resource sits; each service fills what it knows (a project knows all of it). */
export interface ScopedResource {
  enterpriseId?: string | null;
  parkId?: string | null;
  countyCode?: string | null;
  /** Departments an item is routed to; a department officer sees only those. */
  departmentCodes?: readonly string[] | null;
}

/** The one scope rule, shared by the gateway and every service. */
export function scopeCovers(scope: Scope, resource: ScopedResource): boolean {
  switch (scope.kind) {
    case 'city':
      return true;
    case 'county':
      return resource.countyCode != null && resource.countyCode === scope.countyCode;
    case 'park':
      return resource.parkId != null && resource.parkId === scope.parkId;
    case 'enterprise':
      return resource.enterpriseId != null && resource.enterpriseId === scope.enterpriseId;
    case 'department':
      return (
        (resource.departmentCodes ?? []).includes(scope.departmentCode) &&
        (scope.countyCode == null || resource.countyCode === scope.countyCode)
      );
    case 'none':
      return false;
  }
}

/** Outside the caller's scope a resource does not exist: 404, never 403, so existence does not leak. */
export function assertInScope(
  caller: Caller,
  resource: ScopedResource | null | undefined,
  what = '资源',
): asserts resource is ScopedResource {
  if (!resource || !scopeCovers(caller.scope, resource)) {
    throw new DomainError('NOT_FOUND', `${what}不存在`);
  }
}

/** Columns (SQL expressions) where a query finds each part of a resource's place. */
export interface ScopeColumns {
  enterpriseId?: string;
  parkId?: string;
  countyCode?: string;
  /** An expression yielding a text[] of department codes, or a single-code column. */
  departmentCode?: string;
}

/**
 * The same rule as a SQL condition for lists, searches, reports and exports.
 * Parameters are numbered from `firstParam`; an impossible scope yields `false`, never "everything".
 */
export function scopeCondition(
  scope: Scope,
  columns: ScopeColumns,
  firstParam = 1,
): { sql: string; params: unknown[] } {
  const p = (i: number) => `$${firstParam + i}`;
  switch (scope.kind) {
    case 'city':
      return { sql: 'true', params: [] };
    case 'county':
      return columns.countyCode
        ? { sql: `${columns.countyCode} = ${p(0)}`, params: [scope.countyCode] }
        : { sql: 'false', params: [] };
    case 'park':
      return columns.parkId
        ? { sql: `${columns.parkId} = ${p(0)}`, params: [scope.parkId] }
        : { sql: 'false', params: [] };
    case 'enterprise':
      return columns.enterpriseId
        ? { sql: `${columns.enterpriseId} = ${p(0)}`, params: [scope.enterpriseId] }
        : { sql: 'false', params: [] };
    case 'department': {
      if (!columns.departmentCode) return { sql: 'false', params: [] };
      const dept = `${columns.departmentCode} = ${p(0)}`;
      if (scope.countyCode == null) return { sql: dept, params: [scope.departmentCode] };
      if (!columns.countyCode) return { sql: 'false', params: [] };
      return {
        sql: `(${dept} AND ${columns.countyCode} = ${p(1)})`,
        params: [scope.departmentCode, scope.countyCode],
      };
    }
    case 'none':
      return { sql: 'false', params: [] };
  }
}
