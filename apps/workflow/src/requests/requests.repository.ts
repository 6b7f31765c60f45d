import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { scopeCondition } from '@daiban/auth';
import type { LocalDate } from '@daiban/calendar';
import type { RequestCategory, RequestState, Scope } from '@daiban/contracts';

export interface RequestRow {
  id: string;
  projectId: string;
  enterpriseId: string;
  parkId: string;
  countyCode: string;
  category: RequestCategory;
  description: string;
  attachmentIds: string[];
  state: RequestState;
  version: number;
  raisedBy: string;
  raisedAt: Date;
  routedToDepartmentCode: string | null;
  routedToAgentUserId: string | null;
  answer: string | null;
  answeredAt: Date | null;
  answeredBy: string | null;
  confirmedByEnterprise: boolean | null;
  closeReason: string | null;
  closedAt: Date | null;
  reopenCount: number;
  deadlineVersion: number;
  deadlineActive: boolean;
  deadlineStartedOn: LocalDate;
  deadlineLimit: number;
  deadlineDueDate: LocalDate;
  deadlineProvisional: boolean;
}

/** What a read shows beside the row: the project's name and flags, and the case if there is one. */
export interface RequestWithProject {
  row: RequestRow;
  projectName: string;
  greenChannel: boolean;
  major: boolean;
  caseId: string | null;
}

const COLUMNS = `r.id, r.project_id AS "projectId", r.enterprise_id AS "enterpriseId", r.park_id AS "parkId",
  r.county_code AS "countyCode", r.category, r.description, r.attachment_ids AS "attachmentIds", r.state, r.version,
  r.raised_by AS "raisedBy", r.raised_at AS "raisedAt", r.routed_to_department_code AS "routedToDepartmentCode",
  r.routed_to_agent_user_id AS "routedToAgentUserId", r.answer, r.answered_at AS "answeredAt",
  r.answered_by AS "answeredBy", r.confirmed_by_enterprise AS "confirmedByEnterprise",
  r.close_reason AS "closeReason", r.closed_at AS "closedAt", r.reopen_count AS "reopenCount",
  r.deadline_version AS "deadlineVersion", r.deadline_active AS "deadlineActive",
  r.deadline_started_on::text AS "deadlineStartedOn", r.deadline_limit AS "deadlineLimit",
  r.deadline_due_date::text AS "deadlineDueDate", r.deadline_provisional AS "deadlineProvisional"`;

const JOINED = `SELECT ${COLUMNS}, p.name AS "projectName", p.green_channel AS "greenChannel", p.major,
    c.id AS "caseId"
  FROM enterprise_requests r JOIN projects p ON p.project_id = r.project_id
  LEFT JOIN cases c ON c.project_id = r.project_id`;

type Joined = RequestRow & {
  projectName: string;
  greenChannel: boolean;
  major: boolean;
  caseId: string | null;
};

function split(hit: Joined): RequestWithProject {
  const { projectName, greenChannel, major, caseId, ...row } = hit;
  return { row, projectName, greenChannel, major, caseId };
}

export interface RequestFilter {
  scope: Scope;
  states?: readonly RequestState[];
  projectId?: string;
  category?: RequestCategory;
  overdueOn?: LocalDate;
  limit: number;
  offset: number;
}

@Injectable()
export class RequestsRepository {
  async insert(manager: EntityManager, row: RequestRow): Promise<void> {
    await manager.query(
      `INSERT INTO enterprise_requests (id, project_id, enterprise_id, park_id, county_code, category, description,
         attachment_ids, state, version, raised_by, raised_at, deadline_version, deadline_active,
         deadline_started_on, deadline_limit, deadline_due_date, deadline_provisional)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        row.id,
        row.projectId,
        row.enterpriseId,
        row.parkId,
        row.countyCode,
        row.category,
        row.description,
        JSON.stringify(row.attachmentIds),
        row.state,
        row.version,
        row.raisedBy,
        row.raisedAt,
        row.deadlineVersion,
        row.deadlineActive,
        row.deadlineStartedOn,
        row.deadlineLimit,
        row.deadlineDueDate,
        row.deadlineProvisional,
      ],
    );
  }

  async get(manager: EntityManager, id: string, lock = false): Promise<RequestWithProject | null> {
    const rows: Joined[] = await manager.query(`${JOINED} WHERE r.id = $1 ${lock ? 'FOR UPDATE OF r' : ''}`, [
      id,
    ]);
    return rows[0] ? split(rows[0]) : null;
  }

  async list(
    manager: EntityManager,
    filter: RequestFilter,
  ): Promise<{ total: number; rows: RequestWithProject[] }> {
    const scope = scopeCondition(filter.scope, {
      enterpriseId: 'r.enterprise_id',
      parkId: 'r.park_id',
      countyCode: 'r.county_code',
      departmentCode: 'r.routed_to_department_code',
    });
    const where = [scope.sql];
    const params: unknown[] = [...scope.params];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.states?.length) add((p) => `r.state = ANY(${p})`, filter.states);
    if (filter.projectId) add((p) => `r.project_id = ${p}`, filter.projectId);
    if (filter.category) add((p) => `r.category = ${p}`, filter.category);
    if (filter.overdueOn)
      add((p) => `r.deadline_active AND r.deadline_due_date < ${p}::date`, filter.overdueOn);
    const condition = where.map((w) => `(${w})`).join(' AND ');
    const [{ total }] = await manager.query(
      `SELECT count(*)::int AS total FROM enterprise_requests r WHERE ${condition}`,
      params,
    );
    const rows: Joined[] = await manager.query(
      `${JOINED} WHERE ${condition} ORDER BY r.raised_at DESC, r.id LIMIT ${filter.limit} OFFSET ${filter.offset}`,
      params,
    );
    return { total, rows: rows.map(split) };
  }

  /** Requests whose answer clock runs: the ones a calendar edit may move. */
  async withActiveDeadline(manager: EntityManager): Promise<RequestWithProject[]> {
    const rows: Joined[] = await manager.query(
      `${JOINED} WHERE r.deadline_active ORDER BY r.id FOR UPDATE OF r`,
    );
    return rows.map(split);
  }

  async save(manager: EntityManager, row: RequestRow): Promise<void> {
    await manager.query(
      `UPDATE enterprise_requests SET state = $2, version = $3, routed_to_department_code = $4,
         routed_to_agent_user_id = $5, answer = $6, answered_at = $7, answered_by = $8, confirmed_by_enterprise = $9,
         close_reason = $10, closed_at = $11, reopen_count = $12, deadline_version = $13, deadline_active = $14,
         deadline_started_on = $15, deadline_limit = $16, deadline_due_date = $17, deadline_provisional = $18,
         attachment_ids = $19
       WHERE id = $1`,
      [
        row.id,
        row.state,
        row.version,
        row.routedToDepartmentCode,
        row.routedToAgentUserId,
        row.answer,
        row.answeredAt,
        row.answeredBy,
        row.confirmedByEnterprise,
        row.closeReason,
        row.closedAt,
        row.reopenCount,
        row.deadlineVersion,
        row.deadlineActive,
        row.deadlineStartedOn,
        row.deadlineLimit,
        row.deadlineDueDate,
        row.deadlineProvisional,
        JSON.stringify(row.attachmentIds),
      ],
    );
  }
}
