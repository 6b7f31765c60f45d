import { scopeCondition, type ScopeColumns } from '@daiban/auth';
import type { Scope } from '@daiban/contracts';

/** Collects positional parameters while a query is assembled from fixed fragments: values never enter SQL text. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** The caller's scope as a condition on the given columns (the shared rule of libs/auth). */
  scope(scope: Scope, columns: ScopeColumns): string {
    const { sql, params } = scopeCondition(scope, columns, this.values.length + 1);
    this.values.push(...params);
    return `(${sql})`;
  }
}

export const ITEM_SCOPE: ScopeColumns = {
  enterpriseId: 'i.enterprise_id',
  parkId: 'i.park_id',
  countyCode: 'i.county_code',
  departmentCode: 'i.department_code',
};

export const PROJECT_SCOPE: ScopeColumns = {
  enterpriseId: 'p.enterprise_id',
  parkId: 'p.park_id',
  countyCode: 'p.county_code',
};

export const CASE_SCOPE: ScopeColumns = {
  enterpriseId: 'c.enterprise_id',
  parkId: 'c.park_id',
  countyCode: 'c.county_code',
};

/**
 * An item's light from the deadline instants the workflow computed, compared with `now` in SQL. A paused
 * clock is never red; an item without a running clock has no light.
 */
export function lightSql(now: string, alias = 'i'): string {
  return `CASE WHEN NOT ${alias}.deadline_active THEN NULL
    WHEN NOT ${alias}.paused AND ${alias}.red_at <= ${now} THEN 'red'
    WHEN ${alias}.yellow_at <= ${now} THEN 'yellow' ELSE 'green' END`;
}

/** Rows that are yellow or red now; written so the partial indexes on yellow_at/red_at serve it. */
export function warningSql(now: string, alias = 'i'): string {
  return `(${alias}.deadline_active AND (${alias}.yellow_at <= ${now} OR (NOT ${alias}.paused AND ${alias}.red_at <= ${now})))`;
}

export function redSql(now: string, alias = 'i'): string {
  return `(${alias}.deadline_active AND NOT ${alias}.paused AND ${alias}.red_at <= ${now})`;
}

/** Items no one works on any more. */
export const CLOSED_ITEM_STATES = ['not_started', 'handed_over', 'waived', 'denied', 'not_accepted'] as const;
export const OPEN_CASE_STATES = ['agreement_signed', 'in_progress', 'suspended'] as const;
