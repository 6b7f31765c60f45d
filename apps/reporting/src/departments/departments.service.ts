import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@daiban/calendar';
import type { Caller, DepartmentRow } from '@daiban/contracts';
import { requireReportReader } from '../common/report-access.util';
import { percent, yearInstants } from '../common/report-period.util';
import { departmentName } from '../common/reporting-messages.constant';
import { ITEM_SCOPE, SqlParams, redSql, warningSql } from '../common/sql-params.util';

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
    let decidedIn = 'i.decided_at IS NOT NULL';
    if (year !== undefined) {
      const { from, until } = yearInstants(year);
      decidedIn = `(i.decided_at >= ${q.add(from)} AND i.decided_at < ${q.add(until)})`;
    }
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
      `SELECT i.department_code,
         count(*) FILTER (WHERE ${decidedIn})::int AS handled,
         count(*) FILTER (WHERE ${decidedIn} AND i.on_time IS NOT NULL)::int AS judged,
         count(*) FILTER (WHERE ${decidedIn} AND i.on_time)::int AS on_time,
         avg(i.working_days_used) FILTER (WHERE ${decidedIn})::text AS avg_wd,
         COALESCE(sum(i.correction_rounds) FILTER (WHERE i.submitted_at IS NOT NULL), 0)::int AS corrections,
         count(*) FILTER (WHERE i.submitted_at IS NOT NULL)::int AS submitted,
         count(*) FILTER (WHERE ${redSql(nowParam)})::int AS overdue,
         count(*) FILTER (WHERE ${warningSql(nowParam)})::int AS warning
       FROM items i WHERE ${q.scope(caller.scope, ITEM_SCOPE)}
       GROUP BY i.department_code ORDER BY i.department_code`,
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
