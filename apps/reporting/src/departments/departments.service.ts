import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@daiban/calendar';
import type { Caller, DepartmentRow } from '@daiban/contracts';
import { requireReportReader } from '../common/report-access.util';
import { percent } from '../common/report-period.util';
import { departmentName } from '../common/reporting-messages.constant';
import { ITEM_SCOPE, SqlParams, countsIn, redSql, warningSql } from '../common/sql-params.util';

@Injectable()
export class DepartmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async report(callerOrNull: Caller | null, year: number | undefined) {
    const caller = requireReportReader(callerOrNull);
    const now = this.clock.now();
    const q = new SqlParams();
    const nowParam = q.add(now);
    let decidedIn = 'k.decided_year <> 0';
    if (year !== undefined) decidedIn = `k.decided_year = ${q.add(year)}`;
    const rows: Array<{
      department_code: string;
      handled: number;
      judged: number;
      on_time: number;
      avg_wd: string | null;
      corrections: number;
      submitted: number;
      overdue: number;
      warning: number;
    }> = await this.db.query(
      // Decisions and corrections come from the counters (item_counts, per place and decision year); current
      // lights from the few items whose clock is past yellow or red.
      `WITH counted AS (
         SELECT k.department_code,
           COALESCE(sum(k.items) FILTER (WHERE ${decidedIn}), 0)::int AS handled,
           COALESCE(sum(k.judged) FILTER (WHERE ${decidedIn}), 0)::int AS judged,
           COALESCE(sum(k.on_time) FILTER (WHERE ${decidedIn}), 0)::int AS on_time,
           (sum(k.working_days_sum) FILTER (WHERE ${decidedIn})
             / NULLIF(sum(k.working_days_count) FILTER (WHERE ${decidedIn}), 0))::text AS avg_wd,
           sum(k.corrections)::int AS corrections, sum(k.submitted)::int AS submitted
         FROM ${countsIn(q, caller.scope, 'item_counts')}
         GROUP BY k.department_code HAVING sum(k.items) > 0),
       lit AS (
         SELECT i.department_code, count(*) FILTER (WHERE ${redSql(nowParam)})::int AS overdue, count(*)::int AS warning
         FROM items i WHERE ${warningSql(nowParam)} AND ${q.scope(caller.scope, ITEM_SCOPE)}
         GROUP BY i.department_code)
       SELECT c.*, COALESCE(l.overdue, 0) AS overdue, COALESCE(l.warning, 0) AS warning
       FROM counted c LEFT JOIN lit l ON l.department_code = c.department_code
       ORDER BY c.department_code`,
      q.values,
    );
    const round = (v: string | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
    return {
      asOf: now.toISOString(),
      year: year ?? null,
      rows: rows.map((r): DepartmentRow => ({
        departmentCode: r.department_code,
        departmentName: departmentName(r.department_code),
        handled: r.handled,
        decidedOnTime: r.on_time,
        onTimeRate: percent(r.on_time, r.judged),
        avgWorkingDaysToDecision: round(r.avg_wd),
        correctionRoundsPerItem: r.submitted ? Math.round((100 * r.corrections) / r.submitted) / 100 : null,
        currentOverdue: r.overdue,
        currentYellow: r.warning - r.overdue,
      })),
    };
  }
}
