import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, WorkingCalendar, shanghaiDateOf } from '@daiban/calendar';
import {
  overdueRequestSchema,
  type Caller,
  type OverdueResponse,
  type OverdueRow,
  type RpcRequest,
  type reportingOverdue,
} from '@daiban/contracts';
import { requireReportReader } from '../common/report-access.util';
import { ITEM_SCOPE, SqlParams, redSql, warningSql } from '../common/sql-params.util';

export type OverdueFilters = Omit<RpcRequest<typeof reportingOverdue>, 'page' | 'pageSize'>;

/** The only sort expressions a caller can reach; the request names a key, never SQL. */
const SORTS: Readonly<Record<OverdueFilters['sort'], string>> = {
  dueDate: 'i.due_at',
  department: 'i.department_code',
  project: 'p.name',
  county: 'i.county_code',
  state: 'i.state',
};

/** Hard cap for unpaged reads (exports, briefing): past it the caller must narrow the filters. */
export const UNPAGED_LIMIT = 50_000;

/** The contract's row plus the agent's display name from the IDENTITY stream (null until it arrives). */
export type NamedOverdueRow = OverdueRow & { agentName: string | null };

interface OverdueDbRow {
  item_id: string;
  case_id: string | null;
  project_id: string;
  project_name: string | null;
  project_code: string | null;
  catalog_code: string;
  department_code: string;
  county_code: string;
  park_id: string;
  park_name: string | null;
  agent_user_id: string | null;
  agent_name: string | null;
  state: string;
  deadline_clock: string | null;
  due_date: string | null;
  is_red: boolean;
  major: boolean;
  green_channel: boolean;
  order_id: string | null;
  order_state: string | null;
  order_level: number | null;
}

/** The page's conditions on items `i` (and cases `c` for the agent filter); `now` is the first parameter. */
export function overdueConditions(
  q: SqlParams,
  caller: Caller,
  f: Partial<OverdueFilters>,
  now: Date,
): string[] {
  const nowParam = q.add(now);
  const where = [warningSql(nowParam), q.scope(caller.scope, ITEM_SCOPE)];
  if (f.light === 'red') where.push(redSql(nowParam));
  if (f.light === 'yellow') where.push(`NOT ${redSql(nowParam)}`);
  if (f.countyCode) where.push(`i.county_code = ${q.add(f.countyCode)}`);
  if (f.parkId) where.push(`i.park_id = ${q.add(f.parkId)}`);
  if (f.departmentCode) where.push(`i.department_code = ${q.add(f.departmentCode)}`);
  if (f.projectId) where.push(`i.project_id = ${q.add(f.projectId)}`);
  if (f.agentUserId) where.push(`c.agent_user_id = ${q.add(f.agentUserId)}`);
  if (f.major !== undefined) where.push(`i.major = ${q.add(f.major)}`);
  return where;
}

@Injectable()
export class OverdueService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
  ) {}

  async page(
    callerOrNull: Caller | null,
    request: RpcRequest<typeof reportingOverdue>,
  ): Promise<OverdueResponse> {
    const caller = requireReportReader(callerOrNull);
    const now = this.clock.now();
    const { rows, total } = await this.query(caller, request, now, {
      limit: request.pageSize,
      offset: (request.page - 1) * request.pageSize,
    });
    return { asOf: now.toISOString(), total, page: request.page, pageSize: request.pageSize, rows };
  }

  /** Every matching row (exports and the briefing), up to UNPAGED_LIMIT. */
  async all(callerOrNull: Caller | null, filters: Partial<OverdueFilters>): Promise<NamedOverdueRow[]> {
    const caller = requireReportReader(callerOrNull);
    const parsed = overdueRequestSchema.parse(filters);
    return (await this.query(caller, parsed, this.clock.now(), { limit: UNPAGED_LIMIT, offset: 0 })).rows;
  }

  private async query(
    caller: Caller,
    f: OverdueFilters,
    now: Date,
    paging: { limit: number; offset: number },
  ): Promise<{ rows: NamedOverdueRow[]; total: number }> {
    const q = new SqlParams();
    const where = overdueConditions(q, caller, f, now);
    const direction = f.order === 'desc' ? 'DESC' : 'ASC';
    const limit = q.add(paging.limit);
    const offset = q.add(paging.offset);
    // The page's ids (and the total) come from the items alone, joining only what a filter or the sort key
    // needs; the details are joined for those rows only, not for every yellow or red item in scope.
    const joins = [
      f.sort === 'project' ? 'LEFT JOIN projects p ON p.project_id = i.project_id' : '',
      f.agentUserId ? 'LEFT JOIN cases c ON c.case_id = i.case_id' : '',
    ].join(' ');
    const { rows, total } = await this.db.transaction('REPEATABLE READ', async (manager) => {
      const page: Array<{ item_id: string; total: string }> = await manager.query(
        `SELECT i.item_id, count(*) OVER () AS total FROM items i ${joins}
         WHERE ${where.join(' AND ')}
         ORDER BY ${SORTS[f.sort]} ${direction} NULLS LAST, i.item_id
         LIMIT ${limit} OFFSET ${offset}`,
        q.values,
      );
      if (!page.length) return { rows: [] as OverdueDbRow[], total: 0 };
      const detail: OverdueDbRow[] = await manager.query(
        `SELECT i.item_id, i.case_id, i.project_id, p.name AS project_name, p.project_code, i.catalog_code,
           i.department_code, i.county_code, i.park_id, pk.name AS park_name, c.agent_user_id,
           au.display_name AS agent_name, i.state,
           i.deadline_clock, i.due_date::text AS due_date, ${redSql('$2')} AS is_red, i.major, i.green_channel,
           so.order_id, so.state AS order_state, so.level AS order_level
         FROM unnest($1::text[]) WITH ORDINALITY AS page(item_id, n)
         JOIN items i ON i.item_id = page.item_id
         LEFT JOIN projects p ON p.project_id = i.project_id
         LEFT JOIN parks pk ON pk.park_id = i.park_id
         LEFT JOIN cases c ON c.case_id = i.case_id
         LEFT JOIN users au ON au.user_id = c.agent_user_id
         LEFT JOIN LATERAL (
           SELECT s.order_id, s.state, s.level FROM supervision_orders s WHERE s.item_id = i.item_id
           ORDER BY s.issued_at DESC NULLS LAST, s.order_id LIMIT 1
         ) so ON true
         ORDER BY page.n`,
        [page.map((r) => r.item_id), now],
      );
      return { rows: detail, total: Number(page[0].total) };
    });
    const today = shanghaiDateOf(now);
    // Many overdue items share a due date; count each date's working days once.
    const overdueDays = new Map<string, number>();
    const workingDaysSince = (due: string) => {
      let days = overdueDays.get(due);
      if (days === undefined) {
        days = this.calendar.workingDaysBetween(due, today).count;
        overdueDays.set(due, days);
      }
      return days;
    };
    return {
      total,
      rows: rows.map((r) => ({
        itemId: r.item_id,
        caseId: r.case_id,
        projectId: r.project_id,
        projectName: r.project_name,
        projectCode: r.project_code,
        catalogCode: r.catalog_code,
        departmentCode: r.department_code,
        countyCode: r.county_code,
        parkId: r.park_id,
        parkName: r.park_name,
        agentUserId: r.agent_user_id,
        agentName: r.agent_name,
        state: r.state,
        clock: r.deadline_clock,
        dueDate: r.due_date,
        light: r.is_red ? 'red' : 'yellow',
        workingDaysOverdue: r.is_red && r.due_date ? workingDaysSince(r.due_date) : 0,
        major: r.major,
        greenChannel: r.green_channel,
        supervisionOrder: r.order_id
          ? { orderId: r.order_id, state: r.order_state!, level: r.order_level }
          : null,
      })),
    };
  }
}
