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

/** Place columns of the counter tables (alias k); none has an enterprise column. */
const PLACE_COUNTER_SCOPE: ScopeColumns = { parkId: 'k.park_id', countyCode: 'k.county_code' };

/**
 * What each counter table (migration 1766200000000) sums, per row of its source, for the scopes it has no
 * column for: an enterprise (few rows, and no report reader has that scope today).
 */
const COUNTER_ROWS = {
  item_counts: {
    counterScope: { ...PLACE_COUNTER_SCOPE, departmentCode: 'k.department_code' },
    scope: ITEM_SCOPE,
    rows: `SELECT i.county_code, i.park_id, i.department_code,
       COALESCE(extract(year FROM i.decided_at AT TIME ZONE 'Asia/Shanghai')::int, 0) AS decided_year, 1 AS items,
       i.deadline_active::int AS active, (i.on_time IS NOT NULL)::int AS judged, COALESCE(i.on_time, false)::int AS on_time,
       COALESCE(i.working_days_used, 0) AS working_days_sum, (i.working_days_used IS NOT NULL)::int AS working_days_count,
       (i.submitted_at IS NOT NULL)::int AS submitted,
       CASE WHEN i.submitted_at IS NOT NULL THEN i.correction_rounds ELSE 0 END AS corrections
     FROM items i WHERE`,
  },
  project_counts: {
    counterScope: PLACE_COUNTER_SCOPE,
    scope: PROJECT_SCOPE,
    rows: `SELECT p.county_code, p.park_id, COALESCE(p.status, '') AS status,
       COALESCE(p.industry_chain, '') AS industry_chain, 1 AS projects, COALESCE(p.total_investment, 0) AS investment
     FROM projects p WHERE p.snapshot_version > 0 AND`,
  },
  case_counts: {
    counterScope: PLACE_COUNTER_SCOPE,
    scope: CASE_SCOPE,
    rows: `SELECT c.county_code, c.park_id, c.state, 1 AS cases FROM cases c WHERE`,
  },
} satisfies Record<string, { counterScope: ScopeColumns; scope: ScopeColumns; rows: string }>;

/** `FROM … WHERE …` over a counter table in the caller's scope, aliased `k`. */
export function countsIn(q: SqlParams, scope: Scope, table: keyof typeof COUNTER_ROWS): string {
  const { rows, scope: columns, counterScope } = COUNTER_ROWS[table];
  if (scope.kind !== 'enterprise') return `${table} k WHERE ${q.scope(scope, counterScope)}`;
  return `(${rows} ${q.scope(scope, columns)}) k WHERE true`;
}

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
