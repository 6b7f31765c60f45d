import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, type Quarter } from '@daiban/calendar';
import type {
  Briefing,
  BriefingCounty,
  Caller,
  OpenRequestRow,
  OpenSupervisionOrderRow,
} from '@daiban/contracts';
import { requireReportReader } from '../common/report-access.util';
import { SqlParams } from '../common/sql-params.util';
import { OverdueService } from '../overdue/overdue.service';
import { QuarterlyService, countiesInScope, unitOf } from '../quarterly/quarterly.service';
import { countyTargets, TargetsService } from '../targets/targets.service';

const PLACE_SCOPE = (alias: string) => ({
  enterpriseId: `${alias}.enterprise_id`,
  parkId: `${alias}.park_id`,
  countyCode: `${alias}.county_code`,
});

/** The quarterly 现场会 pack: per county, what was achieved and what is stuck. */
@Injectable()
export class BriefingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly quarterly: QuarterlyService,
    private readonly overdue: OverdueService,
    private readonly targets: TargetsService,
  ) {}

  async report(
    callerOrNull: Caller | null,
    year: number,
    quarter: Quarter,
    countyCode?: string,
  ): Promise<Briefing> {
    const caller = requireReportReader(callerOrNull);
    const now = this.clock.now();
    const facts = await this.quarterly.facts(caller.scope, year, quarter);
    const targets = await this.targets.forYear(year);
    const counties = countiesInScope(caller.scope, facts).filter((c) => !countyCode || c === countyCode);
    const [overdue, requests, orders] = await Promise.all([
      this.overdue.all(caller, { light: 'red', countyCode, sort: 'county' }),
      this.openRequests(caller, now, countyCode),
      this.openOrders(caller, countyCode),
    ]);
    return {
      year,
      quarter,
      asOf: now.toISOString(),
      counties: counties.map((code): BriefingCounty => {
        const unit = unitOf(facts, countyTargets(targets, code), {
          countyCode: code,
          parkId: null,
          parkName: null,
        });
        const inQuarter = <T extends { inQuarter: boolean }>(rows: T[]) => rows.filter((r) => r.inQuarter);
        const { projects: starts, ...newStarts } = unit.newStarts;
        const { projects: production, ...newProduction } = unit.newProduction;
        const { records: reserved, ...reservedMu } = unit.reservedMu;
        const { records: revitalized, ...revitalizedMu } = unit.revitalizedMu;
        return {
          countyCode: code,
          countyName: unit.countyName,
          measures: { newStarts, newProduction, reservedMu, revitalizedMu },
          newStarts: inQuarter(starts),
          newProduction: inQuarter(production),
          reserved: inQuarter(reserved),
          revitalized: inQuarter(revitalized),
          overdueItems: overdue.filter((r) => r.countyCode === code),
          openRequests: requests.filter((r) => r.countyCode === code),
          openSupervisionOrders: orders.filter((r) => r.countyCode === code),
        };
      }),
    };
  }

  private async openRequests(caller: Caller, now: Date, countyCode?: string): Promise<OpenRequestRow[]> {
    const q = new SqlParams();
    const nowParam = q.add(now);
    const where = [`r.state <> 'closed'`, q.scope(caller.scope, PLACE_SCOPE('r'))];
    if (countyCode) where.push(`r.county_code = ${q.add(countyCode)}`);
    const rows: Array<Record<string, string | boolean | null>> = await this.db.query(
      `SELECT r.request_id, r.project_id, p.name AS project_name, r.county_code, r.park_id, r.category, r.state,
         r.department_code, r.due_date::text AS due_date, COALESCE(r.due_at < ${nowParam}, false) AS overdue
       FROM requests r LEFT JOIN projects p ON p.project_id = r.project_id
       WHERE ${where.join(' AND ')} ORDER BY r.due_at NULLS LAST, r.request_id`,
      q.values,
    );
    return rows.map((r) => ({
      requestId: r.request_id as string,
      projectId: r.project_id as string,
      projectName: r.project_name as string | null,
      countyCode: r.county_code as string,
      parkId: r.park_id as string,
      category: r.category as string | null,
      state: r.state as string,
      departmentCode: r.department_code as string | null,
      dueDate: r.due_date as string | null,
      overdue: r.overdue as boolean,
    }));
  }

  private async openOrders(caller: Caller, countyCode?: string): Promise<OpenSupervisionOrderRow[]> {
    const q = new SqlParams();
    const where = [`s.state <> 'closed'`, q.scope(caller.scope, PLACE_SCOPE('s'))];
    if (countyCode) where.push(`s.county_code = ${q.add(countyCode)}`);
    const rows: Array<{
      order_id: string;
      item_id: string | null;
      project_id: string;
      project_name: string | null;
      county_code: string;
      park_id: string;
      department_code: string | null;
      level: number | null;
      state: string;
      issued_at: Date | null;
      feedback_due_at: Date | null;
    }> = await this.db.query(
      `SELECT s.order_id, s.item_id, s.project_id, p.name AS project_name, s.county_code, s.park_id,
         s.department_code, s.level, s.state, s.issued_at, s.feedback_due_at
       FROM supervision_orders s LEFT JOIN projects p ON p.project_id = s.project_id
       WHERE ${where.join(' AND ')} ORDER BY s.issued_at NULLS LAST, s.order_id`,
      q.values,
    );
    return rows.map((r) => ({
      orderId: r.order_id,
      itemId: r.item_id,
      projectId: r.project_id,
      projectName: r.project_name,
      countyCode: r.county_code,
      parkId: r.park_id,
      departmentCode: r.department_code,
      level: r.level,
      state: r.state,
      issuedAt: r.issued_at?.toISOString() ?? null,
      feedbackDueAt: r.feedback_due_at?.toISOString() ?? null,
    }));
  }
}
