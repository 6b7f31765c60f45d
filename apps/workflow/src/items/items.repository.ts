import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { preparedQuery } from '@daiban/database';
import type { CatalogItem, IssuedVia, ItemState, SpecialProcedureKind } from '@daiban/contracts';
import type { LocalDate } from '@daiban/calendar';
import { deadlineColumns, type ClockKind, type DeadlineSnapshot } from './item-clock.util';

export interface SideClock {
  materials: string[];
  setOn: LocalDate;
  dueOn: LocalDate;
  /** When it was settled: fulfilled/cleared, or breached. */
  closedOn: LocalDate | null;
  outcome: 'fulfilled' | 'breached' | 'cleared' | null;
}

export interface ItemRow {
  id: string;
  caseId: string;
  projectId: string;
  catalogCode: string;
  catalogVersion: number;
  catalog: CatalogItem;
  sortOrder: number;
  departmentCode: string;
  state: ItemState;
  version: number;
  submittedOn: LocalDate | null;
  acceptedOn: LocalDate | null;
  deemedAccepted: boolean;
  extensionLimit: number | null;
  correctionMaterials: string[];
  deficiency: SideClock | null;
  commitment: SideClock | null;
  resultDocNo: string | null;
  issuedVia: IssuedVia | null;
  resultIssuedOn: LocalDate | null;
  waivedReason: string | null;
  lastEffectiveAt: Date | null;
  deadlineVersion: number;
  deadlineClock: ClockKind | null;
  deadlineActive: boolean;
  deadlineStartedOn: LocalDate | null;
  deadlineDueDate: LocalDate | null;
  deadlineLimit: number | null;
  deadlineProvisional: boolean;
  deadlinePaused: boolean;
}

export interface PauseRow {
  id: string;
  itemId: string;
  kind: SpecialProcedureKind;
  startOn: LocalDate;
  endOn: LocalDate | null;
  estimate: string;
  estimatedWorkingDays: number;
  resumeState: ItemState;
}

export interface WorklistFacts {
  projectName: string;
  projectCode: string | null;
  enterpriseId: string;
  parkId: string;
  countyCode: string;
  greenChannel: boolean;
  major: boolean;
  agentUserId: string | null;
}

export const ITEM_COLUMNS = `i.id, i.case_id AS "caseId", i.project_id AS "projectId", i.catalog_code AS "catalogCode",
  i.catalog_version AS "catalogVersion", i.catalog, i.sort_order AS "sortOrder", i.department_code AS "departmentCode",
  i.state, i.version, i.submitted_on::text AS "submittedOn", i.accepted_on::text AS "acceptedOn",
  i.deemed_accepted AS "deemedAccepted", i.extension_limit AS "extensionLimit",
  i.correction_materials AS "correctionMaterials", i.deficiency, i.commitment, i.result_doc_no AS "resultDocNo",
  i.issued_via AS "issuedVia", i.result_issued_on::text AS "resultIssuedOn", i.waived_reason AS "waivedReason",
  i.last_effective_at AS "lastEffectiveAt", i.deadline_version AS "deadlineVersion",
  i.deadline_clock AS "deadlineClock", i.deadline_active AS "deadlineActive",
  i.deadline_started_on::text AS "deadlineStartedOn", i.deadline_due_date::text AS "deadlineDueDate",
  i.deadline_limit AS "deadlineLimit", i.deadline_provisional AS "deadlineProvisional",
  i.deadline_paused AS "deadlinePaused"`;

export const PAUSE_COLUMNS = `id, item_id AS "itemId", kind, start_on::text AS "startOn", end_on::text AS "endOn", estimate,
  estimated_working_days AS "estimatedWorkingDays", resume_state AS "resumeState"`;

/** The columns an action changes, as `$2`…`$15` of `itemStateParams` (`$1` is the id). */
export const ITEM_STATE_SET = `state = $2, version = $3, submitted_on = $4, accepted_on = $5,
  deemed_accepted = $6, extension_limit = $7, correction_materials = $8, deficiency = $9, commitment = $10,
  result_doc_no = $11, issued_via = $12, result_issued_on = $13, waived_reason = $14, last_effective_at = $15`;

export function itemStateParams(item: ItemRow): unknown[] {
  return [
    item.id,
    item.state,
    item.version,
    item.submittedOn,
    item.acceptedOn,
    item.deemedAccepted,
    item.extensionLimit,
    JSON.stringify(item.correctionMaterials),
    item.deficiency ? JSON.stringify(item.deficiency) : null,
    item.commitment ? JSON.stringify(item.commitment) : null,
    item.resultDocNo,
    item.issuedVia,
    item.resultIssuedOn,
    item.waivedReason,
    item.lastEffectiveAt,
  ];
}

const DEADLINE_COLUMNS = [
  'deadline_version',
  'deadline_clock',
  'deadline_active',
  'deadline_started_on',
  'deadline_due_date',
  'deadline_limit',
  'deadline_provisional',
  'deadline_paused',
];

/** The stored deadline's columns set from `$first` onwards, in the order of `itemDeadlineParams`. */
export function itemDeadlineSet(first: number): string {
  return DEADLINE_COLUMNS.map((column, i) => `${column} = $${first + i}`).join(', ');
}

type StoredDeadline = Pick<
  ItemRow,
  | 'deadlineVersion'
  | 'deadlineClock'
  | 'deadlineActive'
  | 'deadlineStartedOn'
  | 'deadlineDueDate'
  | 'deadlineLimit'
  | 'deadlineProvisional'
  | 'deadlinePaused'
>;

export function itemDeadlineParams(item: StoredDeadline): unknown[] {
  return [
    item.deadlineVersion,
    item.deadlineClock,
    item.deadlineActive,
    item.deadlineStartedOn,
    item.deadlineDueDate,
    item.deadlineLimit,
    item.deadlineProvisional,
    item.deadlinePaused,
  ];
}

export interface NewItem {
  id: string;
  caseId: string;
  projectId: string;
  catalog: CatalogItem;
  catalogVersion: number;
  sortOrder: number;
  state: ItemState;
  waivedReason: string | null;
}

/** The statements of every item action and read are prepared (`preparedQuery`): planned once per connection. */
@Injectable()
export class ItemsRepository {
  async insert(manager: EntityManager, item: NewItem): Promise<void> {
    await manager.query(
      `INSERT INTO items (id, case_id, project_id, catalog_code, catalog_version, catalog, sort_order,
         department_code, state, waived_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        item.id,
        item.caseId,
        item.projectId,
        item.catalog.code,
        item.catalogVersion,
        JSON.stringify(item.catalog),
        item.sortOrder,
        item.catalog.departmentCode,
        item.state,
        item.waivedReason,
      ],
    );
  }

  async get(manager: EntityManager, id: string, lock = false): Promise<ItemRow | null> {
    const rows = await preparedQuery<ItemRow>(
      manager,
      `SELECT ${ITEM_COLUMNS} FROM items i WHERE i.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Candidates for a worklist, filtered in SQL by the caller's scope (a condition from libs/auth) and
   * the filters; lights need the calendar, so the caller sorts and pages what this returns.
   */
  async worklist(
    manager: EntityManager,
    scope: { sql: string; params: unknown[] },
    filters: {
      agentUserId?: string;
      openStatesExcluded?: readonly string[];
      states?: readonly string[];
      caseId?: string;
      projectId?: string;
      departmentCode?: string;
      q?: string;
    },
    cap: number,
  ): Promise<Array<ItemRow & WorklistFacts>> {
    const params: unknown[] = [...scope.params];
    const where = [scope.sql];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filters.agentUserId) add((n) => `c.agent_user_id = ${n}`, filters.agentUserId);
    if (filters.openStatesExcluded?.length)
      add((n) => `NOT (i.state = ANY(${n}))`, filters.openStatesExcluded);
    if (filters.states?.length) add((n) => `i.state = ANY(${n})`, filters.states);
    if (filters.caseId) add((n) => `i.case_id = ${n}`, filters.caseId);
    if (filters.projectId) add((n) => `i.project_id = ${n}`, filters.projectId);
    if (filters.departmentCode) add((n) => `i.department_code = ${n}`, filters.departmentCode);
    if (filters.q) {
      add(
        (n) => `(p.name ILIKE ${n} OR p.project_code ILIKE ${n} OR i.catalog->>'name' ILIKE ${n})`,
        `%${filters.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`,
      );
    }
    params.push(cap);
    return manager.query(
      `SELECT ${ITEM_COLUMNS}, p.name AS "projectName", p.project_code AS "projectCode",
              p.enterprise_id AS "enterpriseId", p.park_id AS "parkId", p.county_code AS "countyCode",
              p.green_channel AS "greenChannel", p.major, c.agent_user_id AS "agentUserId"
         FROM items i JOIN cases c ON c.id = i.case_id JOIN projects p ON p.project_id = c.project_id
        WHERE ${where.join(' AND ')}
        ORDER BY i.deadline_due_date NULLS LAST, i.id
        LIMIT $${params.length}`,
      params,
    );
  }

  async byCase(manager: EntityManager, caseId: string): Promise<ItemRow[]> {
    return preparedQuery(
      manager,
      `SELECT ${ITEM_COLUMNS} FROM items i WHERE i.case_id = $1 ORDER BY i.sort_order`,
      [caseId],
    );
  }

  async byCases(manager: EntityManager, caseIds: readonly string[], lock = false): Promise<ItemRow[]> {
    if (caseIds.length === 0) return [];
    return manager.query(
      `SELECT ${ITEM_COLUMNS} FROM items i WHERE i.case_id = ANY($1) ORDER BY i.case_id, i.sort_order
       ${lock ? 'FOR UPDATE' : ''}`,
      [caseIds],
    );
  }

  /** Items whose deadline is announced as running: the ones a calendar edit may move. */
  async withActiveDeadline(manager: EntityManager): Promise<ItemRow[]> {
    return manager.query(
      `SELECT ${ITEM_COLUMNS} FROM items i WHERE i.deadline_active ORDER BY i.id FOR UPDATE`,
    );
  }

  async pauses(manager: EntityManager, itemIds: readonly string[]): Promise<PauseRow[]> {
    if (itemIds.length === 0) return [];
    return manager.query(
      `SELECT ${PAUSE_COLUMNS} FROM item_pauses WHERE item_id = ANY($1) ORDER BY start_on, id`,
      [itemIds],
    );
  }

  async insertPause(manager: EntityManager, pause: PauseRow): Promise<void> {
    await manager.query(
      `INSERT INTO item_pauses (id, item_id, kind, start_on, end_on, estimate, estimated_working_days, resume_state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        pause.id,
        pause.itemId,
        pause.kind,
        pause.startOn,
        pause.endOn,
        pause.estimate,
        pause.estimatedWorkingDays,
        pause.resumeState,
      ],
    );
  }

  async closePause(manager: EntityManager, pauseId: string, endOn: LocalDate): Promise<void> {
    await manager.query(`UPDATE item_pauses SET end_on = $2 WHERE id = $1`, [pauseId, endOn]);
  }

  /** Writes the item's new state; the caller holds the row lock and has checked the version. */
  async save(manager: EntityManager, item: ItemRow): Promise<void> {
    await preparedQuery(manager, `UPDATE items SET ${ITEM_STATE_SET} WHERE id = $1`, itemStateParams(item));
  }

  async saveDeadline(
    manager: EntityManager,
    itemId: string,
    version: number,
    d: DeadlineSnapshot,
  ): Promise<void> {
    await preparedQuery(manager, `UPDATE items SET ${itemDeadlineSet(2)} WHERE id = $1`, [
      itemId,
      ...itemDeadlineParams(deadlineColumns(version, d)),
    ]);
  }
}
