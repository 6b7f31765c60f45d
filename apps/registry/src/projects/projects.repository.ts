import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { scopeCondition } from '@daiban/auth';
import { INVESTMENT_TIER_BOUNDS, type Caller, type InvestmentTier } from '@daiban/contracts';
import { PROJECT_SCOPE_COLUMNS, likePattern } from '../shared/access.util';
import { PROJECT_SELECT, type ProjectRow } from './project-row.mapper';

export interface ProjectFilter {
  countyCode?: string;
  parkId?: string;
  enterpriseId?: string;
  industryChain?: string;
  status?: string;
  stage?: string;
  investmentTier?: InvestmentTier;
  agencyRequired?: boolean;
  greenChannel?: boolean;
  major?: boolean;
  q?: string;
}

export interface Paging {
  page: number;
  pageSize: number;
  sort: keyof typeof SORT_COLUMNS;
  order: 'asc' | 'desc';
}

/** Sort keys map to fixed expressions; nothing the client sends is spliced into SQL. */
const SORT_COLUMNS = {
  createdAt: 'p.created_at',
  updatedAt: 'p.updated_at',
  name: 'p.name',
  totalInvestment: 'p.total_investment',
  projectCode: 'p.project_code',
} as const;

export function tierCondition(tier: InvestmentTier, param: (value: unknown) => string): string {
  const { min, max } = INVESTMENT_TIER_BOUNDS[tier];
  const parts: string[] = [];
  if (min !== null) parts.push(`p.total_investment >= ${param(min)}::numeric`);
  if (max !== null) parts.push(`p.total_investment < ${param(max)}::numeric`);
  return parts.join(' AND ');
}

/** Every query here carries the caller's scope as SQL, so lists and counts never include a foreign row. */
@Injectable()
export class ProjectsRepository {
  async findVisible(
    manager: EntityManager,
    caller: Caller,
    projectId: string,
    lock = false,
  ): Promise<ProjectRow | null> {
    const scope = scopeCondition(caller.scope, PROJECT_SCOPE_COLUMNS, 2);
    const rows: ProjectRow[] = await manager.query(
      `${PROJECT_SELECT} WHERE p.id = $1 AND ${scope.sql}${lock ? ' FOR UPDATE OF p' : ''}`,
      [projectId, ...scope.params],
    );
    return rows[0] ?? null;
  }

  async findById(manager: EntityManager, projectId: string): Promise<ProjectRow> {
    const rows: ProjectRow[] = await manager.query(`${PROJECT_SELECT} WHERE p.id = $1`, [projectId]);
    return rows[0];
  }

  where(caller: Caller, filter: ProjectFilter): { sql: string; params: unknown[] } {
    const scope = scopeCondition(caller.scope, PROJECT_SCOPE_COLUMNS, 1);
    const params: unknown[] = [...scope.params];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [scope.sql];
    const equal: Array<[keyof ProjectFilter, string]> = [
      ['countyCode', 'p.county_code'],
      ['parkId', 'p.park_id'],
      ['enterpriseId', 'p.enterprise_id'],
      ['industryChain', 'p.industry_chain'],
      ['status', 'p.status'],
      ['stage', 'p.stage'],
      ['agencyRequired', 'p.agency_required'],
      ['greenChannel', 'p.green_channel'],
      ['major', 'p.major'],
    ];
    for (const [key, column] of equal) {
      if (filter[key] !== undefined) where.push(`${column} = ${param(filter[key])}`);
    }
    if (filter.investmentTier) where.push(tierCondition(filter.investmentTier, param));
    if (filter.q) {
      const p = param(likePattern(filter.q));
      where.push(`(p.name ILIKE ${p} OR p.project_code ILIKE ${p} OR e.name ILIKE ${p})`);
    }
    return { sql: where.join(' AND '), params };
  }

  async list(manager: EntityManager, caller: Caller, filter: ProjectFilter, paging: Paging) {
    const { sql, params } = this.where(caller, filter);
    const [{ total }]: Array<{ total: number }> = await manager.query(
      `SELECT count(*)::int AS total FROM projects p JOIN enterprises e ON e.id = p.enterprise_id WHERE ${sql}`,
      params,
    );
    const direction = paging.order === 'asc' ? 'ASC' : 'DESC';
    const rows: ProjectRow[] = await manager.query(
      `${PROJECT_SELECT} WHERE ${sql}
       ORDER BY ${SORT_COLUMNS[paging.sort]} ${direction} NULLS LAST, p.id ${direction}
       LIMIT ${paging.pageSize} OFFSET ${(paging.page - 1) * paging.pageSize}`,
      params,
    );
    return { rows, total };
  }

  /** Count and sum per investment tier over the same filtered set. */
  async tierTotals(manager: EntityManager, caller: Caller, filter: ProjectFilter) {
    const { sql, params } = this.where(caller, { ...filter, investmentTier: undefined });
    const rows: Array<{ tier: InvestmentTier; count: number; total: string }> = await manager.query(
      `SELECT CASE
           WHEN p.total_investment >= 1000000 THEN 'gte_100yi'
           WHEN p.total_investment >= 500000 THEN 'from_50_to_100yi'
           WHEN p.total_investment >= 100000 THEN 'from_10_to_50yi'
           WHEN p.total_investment >= 50000 THEN 'from_5_to_10yi'
           ELSE 'below_5yi' END AS tier,
         count(*)::int AS count, sum(p.total_investment)::text AS total
       FROM projects p JOIN enterprises e ON e.id = p.enterprise_id
       WHERE ${sql} GROUP BY 1`,
      params,
    );
    return rows;
  }
}
