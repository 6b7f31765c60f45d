import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@daiban/calendar';
import type { Caller, Overview } from '@daiban/contracts';
import { requireReportReader } from '../common/report-access.util';
import { currentQuarter, percent, quarterPeriod } from '../common/report-period.util';
import { CASE_STATE_LABELS, PROJECT_STATUS_LABELS, countyName } from '../common/reporting-messages.constant';
import { ITEM_SCOPE, SqlParams, countsIn, redSql, warningSql } from '../common/sql-params.util';
import { QuarterlyDataRepository } from '../quarterly/quarterly-data.repository';
import { NEW_PRODUCTION, NEW_START } from '../quarterly/quarterly.service';

interface BucketRow {
  dim: 'status' | 'chain' | 'county' | 'park' | 'total';
  key: string | null;
  park_name: string | null;
  count: number;
  investment: string;
}

@Injectable()
export class OverviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly data: QuarterlyDataRepository,
  ) {}

  async overview(callerOrNull: Caller | null): Promise<Overview> {
    const caller = requireReportReader(callerOrNull);
    const now = this.clock.now();
    const { year, quarter } = currentQuarter(now);
    // One consistent snapshot for every section of the cockpit.
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      // Projects, cases and decided items come from their counters (migration 1766200000000), not from
      // every row in scope.
      const pq = new SqlParams();
      const buckets: BucketRow[] = await manager.query(
        `SELECT CASE WHEN GROUPING(b.status) = 0 THEN 'status' WHEN GROUPING(b.industry_chain) = 0 THEN 'chain'
                     WHEN GROUPING(b.county_code) = 0 THEN 'county' WHEN GROUPING(b.park_id) = 0 THEN 'park'
                     ELSE 'total' END AS dim,
                COALESCE(b.status, b.industry_chain, b.county_code, b.park_id) AS key,
                max(pk.name) AS park_name, sum(b.projects)::int AS count,
                COALESCE(sum(b.investment), 0)::numeric(18,2)::text AS investment
         FROM (SELECT NULLIF(k.status, '') AS status, NULLIF(k.industry_chain, '') AS industry_chain, k.county_code,
                      k.park_id, k.projects, k.investment
               FROM ${countsIn(pq, caller.scope, 'project_counts')} AND k.projects <> 0) b
         LEFT JOIN parks pk ON pk.park_id = b.park_id
         GROUP BY GROUPING SETS ((b.status), (b.industry_chain), (b.county_code), (b.park_id), ())`,
        pq.values,
      );
      const cq = new SqlParams();
      const cases: Array<{ state: string; count: number }> = await manager.query(
        `SELECT k.state, sum(k.cases)::int AS count FROM ${countsIn(cq, caller.scope, 'case_counts')}
         GROUP BY k.state HAVING sum(k.cases) > 0 ORDER BY k.state`,
        cq.values,
      );
      // Decided items are counted by the projection (item_counts); only running clocks are read per item, and
      // of those only the yellow and red ones (index scans): green is every running clock that is not.
      const kq = new SqlParams();
      const [counted]: Array<{ active: number; decided: number; on_time: number }> = await manager.query(
        `SELECT COALESCE(sum(k.active), 0)::int AS active, COALESCE(sum(k.judged), 0)::int AS decided,
                COALESCE(sum(k.on_time), 0)::int AS on_time
         FROM ${countsIn(kq, caller.scope, 'item_counts')}`,
        kq.values,
      );
      const wq = new SqlParams();
      const nowParam = wq.add(now);
      const [lit]: Array<{ warning: number; red: number }> = await manager.query(
        `SELECT count(*)::int AS warning, count(*) FILTER (WHERE ${redSql(nowParam)})::int AS red
         FROM items i WHERE ${warningSql(nowParam)} AND ${wq.scope(caller.scope, ITEM_SCOPE)}`,
        wq.values,
      );
      const items = {
        green: counted.active - lit.warning,
        yellow: lit.warning - lit.red,
        red: lit.red,
        decided: counted.decided,
        on_time: counted.on_time,
      };
      const milestones = await this.data.milestoneCounts(
        caller.scope,
        [NEW_START, NEW_PRODUCTION],
        quarterPeriod(year, quarter),
      );
      const of = (dim: BucketRow['dim'], label: (key: string, row: BucketRow) => string) =>
        buckets
          .filter((b) => b.dim === dim && b.key !== null)
          .sort((a, b) => b.count - a.count || a.key!.localeCompare(b.key!))
          .map((b) => ({
            key: b.key!,
            label: label(b.key!, b),
            count: b.count,
            investmentWan: b.investment,
          }));
      const total = buckets.find((b) => b.dim === 'total');
      return {
        asOf: now.toISOString(),
        projects: {
          total: total?.count ?? 0,
          investmentWan: total?.investment ?? '0.00',
          byStatus: of('status', (k) => PROJECT_STATUS_LABELS[k] ?? k),
          byChain: of('chain', (k) => k),
          byCounty: of('county', (k) => countyName(k)),
          byPark: of('park', (k, row) => row.park_name ?? k),
        },
        cases: {
          byState: cases.map((c) => ({
            key: c.state,
            label: CASE_STATE_LABELS[c.state] ?? c.state,
            count: c.count,
          })),
        },
        items: {
          byLight: { green: items.green, yellow: items.yellow, red: items.red },
          decided: items.decided,
          decidedOnTime: items.on_time,
          onTimeRate: percent(items.on_time, items.decided),
        },
        thisQuarter: {
          year,
          quarter,
          newStarts: milestones.get(NEW_START) ?? 0,
          newProduction: milestones.get(NEW_PRODUCTION) ?? 0,
        },
      };
    });
  }
}
