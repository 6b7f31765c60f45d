import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@daiban/calendar';
import type { AgentRow, Caller } from '@daiban/contracts';
import { requireReportReader } from '../common/report-access.util';
import {
  CASE_SCOPE,
  CLOSED_ITEM_STATES,
  ITEM_SCOPE,
  OPEN_CASE_STATES,
  SqlParams,
  redSql,
  warningSql,
} from '../common/sql-params.util';

/** The contract's row plus the agent's display name from the IDENTITY stream (null until it arrives). */
export type NamedAgentRow = AgentRow & { agentName: string | null };

@Injectable()
export class AgentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async report(callerOrNull: Caller | null): Promise<{ asOf: string; rows: NamedAgentRow[] }> {
    const caller = requireReportReader(callerOrNull);
    const now = this.clock.now();
    const q = new SqlParams();
    const nowParam = q.add(now);
    const rows: Array<{
      agent_user_id: string;
      agent_name: string | null;
      open_cases: number | null;
      closed_cases: number | null;
      rating_count: number | null;
      avg_rating: string | null;
      open_items: number | null;
      overdue: number | null;
      warning: number | null;
    }> = await this.db.query(
      `WITH per_case AS (
         SELECT c.agent_user_id,
           count(*) FILTER (WHERE c.state = ANY(${q.add(OPEN_CASE_STATES)}))::int AS open_cases,
           count(*) FILTER (WHERE c.state IN ('handed_over', 'closed'))::int AS closed_cases,
           count(c.rating)::int AS rating_count, avg(c.rating)::text AS avg_rating
         FROM cases c WHERE c.agent_user_id IS NOT NULL AND ${q.scope(caller.scope, CASE_SCOPE)}
         GROUP BY c.agent_user_id
       ), per_item AS (
         SELECT c.agent_user_id,
           count(*) FILTER (WHERE NOT (i.state = ANY(${q.add(CLOSED_ITEM_STATES)})))::int AS open_items,
           count(*) FILTER (WHERE ${redSql(nowParam)})::int AS overdue,
           count(*) FILTER (WHERE ${warningSql(nowParam)})::int AS warning
         FROM items i JOIN cases c ON c.case_id = i.case_id
         WHERE c.agent_user_id IS NOT NULL AND ${q.scope(caller.scope, ITEM_SCOPE)}
         GROUP BY c.agent_user_id
       )
       SELECT a.*, u.display_name AS agent_name
       FROM (SELECT * FROM per_case FULL JOIN per_item USING (agent_user_id)) a
       LEFT JOIN users u ON u.user_id = a.agent_user_id
       ORDER BY a.agent_user_id`,
      q.values,
    );
    return {
      asOf: now.toISOString(),
      rows: rows.map((r): NamedAgentRow => ({
        agentUserId: r.agent_user_id,
        agentName: r.agent_name,
        openCases: r.open_cases ?? 0,
        closedCases: r.closed_cases ?? 0,
        openItems: r.open_items ?? 0,
        overdueItems: r.overdue ?? 0,
        yellowItems: (r.warning ?? 0) - (r.overdue ?? 0),
        ratingCount: r.rating_count ?? 0,
        averageRating: r.avg_rating === null ? null : Math.round(Number(r.avg_rating) * 100) / 100,
      })),
    };
  }
}
