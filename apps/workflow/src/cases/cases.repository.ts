import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseState } from '@daiban/contracts';
import type { LocalProject } from '../projects/projects.repository';

export interface CaseRow {
  id: string;
  projectId: string;
  state: CaseState;
  version: number;
  openedBy: 'registry' | 'request';
  openedAt: Date;
  coverage: 'whole' | 'items' | null;
  serviceLevel: 'agency' | 'accompany' | null;
  agreementSignedOn: string | null;
  agentUserId: string | null;
  catalogVersion: number | null;
  terminationReason: string | null;
  rating: number | null;
  ratingComment: string | null;
}

export interface CaseWithProject {
  row: CaseRow;
  project: LocalProject;
  /** Departments the case's items are routed to (for scope and the events' place). */
  departmentCodes: string[];
}

const CASE_COLUMNS = `c.id, c.project_id AS "projectId", c.state, c.version, c.opened_by AS "openedBy",
  c.opened_at AS "openedAt", c.coverage, c.service_level AS "serviceLevel",
  c.agreement_signed_on::text AS "agreementSignedOn", c.agent_user_id AS "agentUserId",
  c.catalog_version AS "catalogVersion", c.termination_reason AS "terminationReason", c.rating,
  c.rating_comment AS "ratingComment"`;

type Joined = CaseRow & { project: LocalProject; departmentCodes: string[] };

@Injectable()
export class CasesRepository {
  /** Inserts the project's case unless it has one; null when it already existed. */
  async insertIfAbsent(
    manager: EntityManager,
    row: Pick<CaseRow, 'id' | 'projectId' | 'openedBy' | 'openedAt'>,
  ): Promise<string | null> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO cases (id, project_id, state, opened_by, opened_at) VALUES ($1, $2, 'awaiting_agreement', $3, $4)
       ON CONFLICT ON CONSTRAINT cases_one_per_project DO NOTHING RETURNING id`,
      [row.id, row.projectId, row.openedBy, row.openedAt],
    );
    return rows[0]?.id ?? null;
  }

  /** Many projects' cases in one query (history import). */
  async byProjects(
    manager: EntityManager,
    projectIds: readonly string[],
    lock = false,
  ): Promise<CaseWithProject[]> {
    if (projectIds.length === 0) return [];
    return this.findAll(manager, 'c.project_id = ANY($1)', [projectIds], lock);
  }

  private async find(manager: EntityManager, where: string, param: string, lock: boolean) {
    const [hit] = await this.findAll(manager, `${where} = $1`, [param], lock);
    return hit ?? null;
  }

  private async findAll(manager: EntityManager, where: string, params: unknown[], lock: boolean) {
    const rows: Joined[] = await manager.query(
      `SELECT ${CASE_COLUMNS}, json_build_object(
          'projectId', p.project_id, 'version', p.version, 'name', p.name, 'projectCode', p.project_code,
          'enterpriseId', p.enterprise_id, 'parkId', p.park_id, 'countyCode', p.county_code,
          'agencyRequired', p.agency_required, 'greenChannel', p.green_channel, 'major', p.major,
          'status', p.status, 'constructionStartOn', p.construction_start_on::text, 'attributes', p.attributes
        ) AS project,
        ARRAY(SELECT DISTINCT department_code FROM items WHERE case_id = c.id AND state <> 'waived') AS "departmentCodes"
       FROM cases c JOIN projects p ON p.project_id = c.project_id WHERE ${where}
       ${lock ? 'FOR UPDATE OF c' : ''}`,
      params,
    );
    return rows.map(
      ({ project, departmentCodes, ...row }) => ({ row, project, departmentCodes }) as CaseWithProject,
    );
  }

  /**
   * One page of cases, filtered in SQL by the caller's scope (a condition from libs/auth over `p`) and the
   * filters, newest first, with the total.
   */
  async page(
    manager: EntityManager,
    scope: { sql: string; params: unknown[] },
    filters: { states?: readonly string[]; agentUserId?: string },
    offset: number,
    limit: number,
  ): Promise<{ rows: CaseWithProject[]; total: number }> {
    const params: unknown[] = [...scope.params];
    const where = [scope.sql];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filters.states?.length) add((n) => `c.state = ANY(${n})`, filters.states);
    if (filters.agentUserId) add((n) => `c.agent_user_id = ${n}`, filters.agentUserId);
    const clause = where.join(' AND ');
    const [{ n }]: Array<{ n: number }> = await manager.query(
      `SELECT count(*)::int AS n FROM cases c JOIN projects p ON p.project_id = c.project_id WHERE ${clause}`,
      params,
    );
    const rows = await this.findAll(
      manager,
      `${clause} ORDER BY c.opened_at DESC, c.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
      false,
    );
    return { rows, total: n };
  }

  get(manager: EntityManager, id: string, lock = false): Promise<CaseWithProject | null> {
    return this.find(manager, 'c.id', id, lock);
  }

  getByProject(manager: EntityManager, projectId: string, lock = false): Promise<CaseWithProject | null> {
    return this.find(manager, 'c.project_id', projectId, lock);
  }

  async save(manager: EntityManager, row: CaseRow): Promise<void> {
    await manager.query(
      `UPDATE cases SET state = $2, version = $3, coverage = $4, service_level = $5, agreement_signed_on = $6,
         agent_user_id = $7, catalog_version = $8, termination_reason = $9, rating = $10, rating_comment = $11,
         updated_at = now()
       WHERE id = $1`,
      [
        row.id,
        row.state,
        row.version,
        row.coverage,
        row.serviceLevel,
        row.agreementSignedOn,
        row.agentUserId,
        row.catalogVersion,
        row.terminationReason,
        row.rating,
        row.ratingComment,
      ],
    );
  }
}
