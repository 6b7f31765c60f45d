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

/** The place columns of item_counts (alias k); it has no enterprise column. */
const ITEM_COUNT_SCOPE: ScopeColumns = {
  parkId: 'k.park_id',
  countyCode: 'k.county_code',
  departmentCode: 'k.department_code',
};

/**
 * `FROM … WHERE …` over the item counters in the caller's scope, aliased `k` with item_counts' columns. An
 * enterprise scope has no counter column, so it sums that enterprise's items instead (few, and no report
 * reader has that scope today).
 */
export function itemCountsIn(q: SqlParams, scope: Scope): string {
  if (scope.kind !== 'enterprise') return `item_counts k WHERE ${q.scope(scope, ITEM_COUNT_SCOPE)}`;
  return `(SELECT i.county_code, i.park_id, i.department_code,
       COALESCE(extract(year FROM i.decided_at AT TIME ZONE 'Asia/Shanghai')::int, 0) AS decided_year, 1 AS items,
       i.deadline_active::int AS active, (i.on_time IS NOT NULL)::int AS judged, COALESCE(i.on_time, false)::int AS on_time,
       COALESCE(i.working_days_used, 0) AS working_days_sum, (i.working_days_used IS NOT NULL)::int AS working_days_count,
       (i.submitted_at IS NOT NULL)::int AS submitted,
       CASE WHEN i.submitted_at IS NOT NULL THEN i.correction_rounds ELSE 0 END AS corrections
     FROM items i WHERE ${q.scope(scope, ITEM_SCOPE)}) k WHERE true`;
}

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

/*
 * An item's light comes from the deadline instants the workflow computed, compared with `now` in SQL: no
 * running clock (deadline_active false), no light; red when unpaused and past red_at (a paused clock is never
 * red); else yellow when past yellow_at; else green. So yellow = warning − red and green = running − warning.
 */

/**
 * Rows that are yellow or red now: past yellow_at, or past red_at unless paused. Written as the expression
 * of items_warning_idx and its statistics (migration 1766200000000), so only those few rows are read.
 */
export function warningSql(now: string, alias = 'i'): string {
  const i = alias;
  return `(${i}.deadline_active AND CASE WHEN ${i}.deadline_active THEN least(${i}.yellow_at, CASE WHEN NOT ${i}.paused THEN ${i}.red_at END) END <= ${now})`;
}

export function redSql(now: string, alias = 'i'): string {
  return `(${alias}.deadline_active AND NOT ${alias}.paused AND ${alias}.red_at <= ${now})`;
}

/** Items no one works on any more. */
export const CLOSED_ITEM_STATES = ['not_started', 'handed_over', 'waived', 'denied', 'not_accepted'] as const;
export const OPEN_CASE_STATES = ['agreement_signed', 'in_progress', 'suspended'] as const;
