import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@daiban/calendar';
import type { Caller, Overview } from '@daiban/contracts';
import { requireReportReader } from '../common/report-access.util';
import { currentQuarter, percent, quarterPeriod } from '../common/report-period.util';
import { CASE_STATE_LABELS, PROJECT_STATUS_LABELS, countyName } from '../common/reporting-messages.constant';
import { CASE_SCOPE, ITEM_SCOPE, PROJECT_SCOPE, SqlParams, lightSql } from '../common/sql-params.util';
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
      const iq = new SqlParams();
      const nowParam = iq.add(now);
      const [items]: Array<{ green: number; yellow: number; red: number; decided: number; on_time: number }> =
        await manager.query(
          `SELECT count(*) FILTER (WHERE light = 'green')::int AS green,
                  count(*) FILTER (WHERE light = 'yellow')::int AS yellow,
                  count(*) FILTER (WHERE light = 'red')::int AS red,
                  count(*) FILTER (WHERE on_time IS NOT NULL)::int AS decided,
                  count(*) FILTER (WHERE on_time)::int AS on_time
           FROM (SELECT ${lightSql(nowParam)} AS light, i.on_time FROM items i
                 WHERE ${iq.scope(caller.scope, ITEM_SCOPE)}) x`,
          iq.values,
        );
      const milestones = await this.data.milestones(
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
          newStarts: milestones.filter((m) => m.type === NEW_START).length,
          newProduction: milestones.filter((m) => m.type === NEW_PRODUCTION).length,
        },
      };
    });
  }
}
