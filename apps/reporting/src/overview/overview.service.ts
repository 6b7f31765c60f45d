import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@daiban/calendar';
import type { Caller, Overview } from '@daiban/contracts';
import { requireReportReader } from '../common/report-access.util';
import { currentQuarter, percent, quarterPeriod } from '../common/report-period.util';
import { CASE_STATE_LABELS, PROJECT_STATUS_LABELS, countyName } from '../common/reporting-messages.constant';
import {
  CASE_SCOPE,
  ITEM_SCOPE,
  PROJECT_SCOPE,
  SqlParams,
  itemCountsIn,
  redSql,
  warningSql,
} from '../common/sql-params.util';
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
      const pq = new SqlParams();
      const buckets: BucketRow[] = await manager.query(
        `SELECT CASE WHEN GROUPING(p.status) = 0 THEN 'status' WHEN GROUPING(p.industry_chain) = 0 THEN 'chain'
                     WHEN GROUPING(p.county_code) = 0 THEN 'county' WHEN GROUPING(p.park_id) = 0 THEN 'park'
                     ELSE 'total' END AS dim,
                COALESCE(p.status, p.industry_chain, p.county_code, p.park_id) AS key,
                max(pk.name) AS park_name, count(*)::int AS count,
                COALESCE(sum(p.total_investment), 0)::numeric(18,2)::text AS investment
         FROM projects p LEFT JOIN parks pk ON pk.park_id = p.park_id
         WHERE p.snapshot_version > 0 AND ${pq.scope(caller.scope, PROJECT_SCOPE)}
         GROUP BY GROUPING SETS ((p.status), (p.industry_chain), (p.county_code), (p.park_id), ())`,
        pq.values,
      );
      const cq = new SqlParams();
      const cases: Array<{ state: string; count: number }> = await manager.query(
        `SELECT c.state, count(*)::int AS count FROM cases c WHERE ${cq.scope(caller.scope, CASE_SCOPE)}
         GROUP BY c.state ORDER BY c.state`,
        cq.values,
      );
      // Decided items are counted by the projection (item_counts); only running clocks are read per item, and
      // of those only the yellow and red ones (index scans): green is every running clock that is not.
      const kq = new SqlParams();
      const [counted]: Array<{ active: number; decided: number; on_time: number }> = await manager.query(
        `SELECT COALESCE(sum(k.active), 0)::int AS active, COALESCE(sum(k.judged), 0)::int AS decided,
                COALESCE(sum(k.on_time), 0)::int AS on_time
         FROM ${itemCountsIn(kq, caller.scope)}`,
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
