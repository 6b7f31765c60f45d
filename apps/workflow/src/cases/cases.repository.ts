import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { preparedQuery } from '@daiban/database';
import type { CaseState } from '@daiban/contracts';
import type { LocalProject } from '../projects/projects.repository';
import { ITEM_COLUMNS, PAUSE_COLUMNS, type ItemRow, type PauseRow } from '../items/items.repository';

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

/** JSON has no timestamp type: the one timestamptz column comes back as text. */
type ItemJson = Omit<ItemRow, 'lastEffectiveAt'> & { lastEffectiveAt: string | null };

const itemFromJson = (item: ItemJson): ItemRow => ({
  ...item,
  lastEffectiveAt: item.lastEffectiveAt === null ? null : new Date(item.lastEffectiveAt),
});

/** The case's items as `ItemsRepository.byCase` returns them, as one JSON array. */
const CASE_ITEMS_SQL = `(SELECT coalesce(json_agg(x ORDER BY x."sortOrder"), '[]') FROM (
  SELECT ${ITEM_COLUMNS} FROM items i WHERE i.case_id = c.id) x)`;

/** The special procedures of all the case's items, as `ItemsRepository.pauses` orders them. */
const CASE_PAUSES_SQL = `(SELECT coalesce(json_agg(x ORDER BY x."startOn", x.id), '[]') FROM (
  SELECT ${PAUSE_COLUMNS} FROM item_pauses WHERE item_id IN (SELECT id FROM items WHERE case_id = c.id)) x)`;

/** The special procedures of item $2. */
const ITEM_PAUSES_SQL = `(SELECT coalesce(json_agg(x ORDER BY x."startOn", x.id), '[]') FROM (
  SELECT ${PAUSE_COLUMNS} FROM item_pauses WHERE item_id = $2) x)`;

/**
 * The row as one json column: the driver then describes and parses one field per row instead of some
 * twenty (pg's per-field work was a tenth of the workflow's CPU per case read, bench B1). The one
 * timestamptz column comes back as text.
 */
const oneJson = (text: string) => `SELECT row_to_json(whole) AS r FROM (${text}) whole`;

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
    const rows = await this.select<object>(manager, null, where, params, lock);
    return rows.map(({ kase }) => kase);
  }

  /** The joined case rows, each with an object of the fields `extra` names (name → SQL expression). */
  private async select<X extends object>(
    manager: EntityManager,
    extra: Record<string, string> | null,
    where: string,
    params: unknown[],
    lock: boolean,
    asOneJson = false,
  ): Promise<Array<{ kase: CaseWithProject; extra: X }>> {
    const extraSql = extra
      ? `, json_build_object(${Object.entries(extra)
          .map(([name, sql]) => `'${name}', ${sql}`)
          .join(', ')}) AS extra`
      : '';
    const text = `SELECT ${CASE_COLUMNS}${extraSql}, json_build_object(
          'projectId', p.project_id, 'version', p.version, 'name', p.name, 'projectCode', p.project_code,
          'enterpriseId', p.enterprise_id, 'parkId', p.park_id, 'countyCode', p.county_code,
          'agencyRequired', p.agency_required, 'greenChannel', p.green_channel, 'major', p.major,
          'status', p.status, 'constructionStartOn', p.construction_start_on::text, 'attributes', p.attributes
        ) AS project,
        ARRAY(SELECT DISTINCT department_code FROM items WHERE case_id = c.id AND state <> 'waived') AS "departmentCodes"
       FROM cases c JOIN projects p ON p.project_id = c.project_id WHERE ${where}
       ${lock ? 'FOR UPDATE OF c' : ''}`;
    // The reads with extras run on every request and plan slowly (many subqueries): prepared once.
    const rows: Array<Joined & { extra: X }> = asOneJson
      ? (await preparedQuery<{ r: Joined & { extra: X } }>(manager, oneJson(text), params)).map(({ r }) => ({
          ...r,
          openedAt: new Date(r.openedAt),
        }))
      : extra
        ? await preparedQuery(manager, text, params)
        : await manager.query(text, params);
    return rows.map(({ project, departmentCodes, extra: added, ...row }) => ({
      kase: { row, project, departmentCodes },
      extra: added,
    }));
  }

  /**
   * A case with its items and their special procedures, and the columns `extra` adds, in one statement:
   * one statement reads one snapshot, so the parts agree without a transaction around them.
   */
  async readWhole<X extends object>(
    manager: EntityManager,
    by: { caseId?: string; projectId?: string },
    extra: (n: number) => Record<string, string>,
    extraParam: unknown,
  ): Promise<{ kase: CaseWithProject; items: ItemRow[]; pauses: PauseRow[]; extra: X } | null> {
    const [hit] = await this.select<X & { items: ItemJson[]; pauses: PauseRow[] }>(
      manager,
      { items: CASE_ITEMS_SQL, pauses: CASE_PAUSES_SQL, ...extra(2) },
      by.caseId !== undefined ? 'c.id = $1' : 'c.project_id = $1',
      [by.caseId ?? by.projectId, extraParam],
      false,
      true,
    );
    if (!hit) return null;
    const { items, pauses, ...rest } = hit.extra;
    return { kase: hit.kase, items: items.map(itemFromJson), pauses, extra: rest as unknown as X };
  }

  /**
   * The case of an item being acted on, with that item's special procedures and the columns `extra` adds,
   * in one statement. Read after the item is locked, so the procedures are those the lock holder left.
   */
  async forItem<X extends object>(
    manager: EntityManager,
    caseId: string,
    itemId: string,
    extra: (n: number) => Record<string, string>,
    extraParam: unknown,
  ): Promise<{ kase: CaseWithProject; pauses: PauseRow[]; extra: X } | null> {
    const [hit] = await this.select<X & { pauses: PauseRow[] }>(
      manager,
      { pauses: ITEM_PAUSES_SQL, ...extra(3) },
      'c.id = $1',
      [caseId, itemId, extraParam],
      false,
    );
    if (!hit) return null;
    const { pauses, ...rest } = hit.extra;
    return { kase: hit.kase, pauses, extra: rest as unknown as X };
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
