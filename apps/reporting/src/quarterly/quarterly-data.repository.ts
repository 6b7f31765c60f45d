import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Scope } from '@daiban/contracts';
import { SqlParams } from '../common/sql-params.util';
import type { Period } from '../common/report-period.util';

export interface MilestoneFact {
  projectId: string;
  name: string | null;
  projectCode: string | null;
  countyCode: string;
  parkId: string;
  parkName: string | null;
  industryChain: string | null;
  totalInvestment: string | null;
  type: string;
  date: string;
}

export interface LandFact {
  landRecordId: string;
  countyCode: string;
  parkId: string;
  parkName: string | null;
  kind: 'reserved' | 'revitalized';
  areaMu: number;
  date: string;
}

export interface ParkRef {
  parkId: string;
  name: string;
  countyCode: string;
}

// A milestone counts where its project is now; before the project's snapshot arrives, where it was recorded.
const M_COUNTY = 'COALESCE(p.county_code, m.county_code)';
const M_PARK = 'COALESCE(p.park_id, m.park_id)';

/** Effective milestones `m` (projects `p` joined) of these types in the period, in the scope. */
function milestonesIn(q: SqlParams, scope: Scope, types: readonly string[], period: Period): string[] {
  return [
    `m.type = ANY(${q.add(types)})`,
    `m.date BETWEEN ${q.add(period.start)} AND ${q.add(period.end)}`,
    q.scope(scope, { enterpriseId: 'p.enterprise_id', parkId: M_PARK, countyCode: M_COUNTY }),
  ];
}

/** The facts behind the quarterly, evaluation, investment and briefing reports, already filtered by scope. */
@Injectable()
export class QuarterlyDataRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async milestones(scope: Scope, types: readonly string[], period: Period): Promise<MilestoneFact[]> {
    const q = new SqlParams();
    const where = milestonesIn(q, scope, types, period);
    // One row per project and type: a corrected milestone supersedes the old one, so only the earliest
    // effective one could remain twice by mistake, and a project counts once.
    const rows: Array<Record<string, string | null>> = await this.db.query(
      `SELECT * FROM (
         SELECT DISTINCT ON (m.type, m.project_id) m.project_id, p.name, p.project_code, ${M_COUNTY} AS county_code,
           ${M_PARK} AS park_id, pk.name AS park_name, p.industry_chain, p.total_investment::text AS total_investment,
           m.type, m.date::text AS date
         FROM effective_milestones m
         LEFT JOIN projects p ON p.project_id = m.project_id
         LEFT JOIN parks pk ON pk.park_id = ${M_PARK}
         WHERE ${where.join(' AND ')}
         ORDER BY m.type, m.project_id, m.date
       ) facts ORDER BY date, project_id`,
      q.values,
    );
    return rows.map((r) => ({
      projectId: r.project_id!,
      name: r.name,
      projectCode: r.project_code,
      countyCode: r.county_code!,
      parkId: r.park_id!,
      parkName: r.park_name,
      industryChain: r.industry_chain,
      totalInvestment: r.total_investment,
      type: r.type!,
      date: r.date!,
    }));
  }

  /** How many projects `milestones` would list per type, counted in SQL (the overview needs only the number). */
  async milestoneCounts(
    scope: Scope,
    types: readonly string[],
    period: Period,
  ): Promise<Map<string, number>> {
    const q = new SqlParams();
    const rows: Array<{ type: string; n: number }> = await this.db.query(
      `SELECT m.type, count(DISTINCT m.project_id)::int AS n
       FROM effective_milestones m LEFT JOIN projects p ON p.project_id = m.project_id
       WHERE ${milestonesIn(q, scope, types, period).join(' AND ')}
       GROUP BY m.type`,
      q.values,
    );
    return new Map(rows.map((r) => [r.type, r.n]));
  }

  async land(scope: Scope, period: Period): Promise<LandFact[]> {
    const q = new SqlParams();
    const rows: Array<Record<string, string | null>> = await this.db.query(
      `SELECT l.land_record_id, l.county_code, l.park_id, pk.name AS park_name, l.kind, l.area_mu::text AS area_mu,
         l.date::text AS date
       FROM land_records l LEFT JOIN parks pk ON pk.park_id = l.park_id
       WHERE l.date BETWEEN ${q.add(period.start)} AND ${q.add(period.end)}
         AND ${q.scope(scope, { parkId: 'l.park_id', countyCode: 'l.county_code' })}
       ORDER BY l.date, l.land_record_id`,
      q.values,
    );
    return rows.map((r) => ({
      landRecordId: r.land_record_id!,
      countyCode: r.county_code!,
      parkId: r.park_id!,
      parkName: r.park_name,
      kind: r.kind as LandFact['kind'],
      areaMu: Number(r.area_mu),
      date: r.date!,
    }));
  }

  async parks(scope: Scope): Promise<ParkRef[]> {
    const q = new SqlParams();
    const rows: Array<{ park_id: string; name: string; county_code: string }> = await this.db.query(
      `SELECT pk.park_id, pk.name, pk.county_code FROM parks pk
       WHERE pk.active AND ${q.scope(scope, { parkId: 'pk.park_id', countyCode: 'pk.county_code' })}
       ORDER BY pk.county_code, pk.park_id`,
      q.values,
    );
    return rows.map((r) => ({ parkId: r.park_id, name: r.name, countyCode: r.county_code }));
  }

  /** Items decided in the period per park: how many, and how many by their deadline. */
  async onTimeByPark(
    scope: Scope,
    from: Date,
    until: Date,
  ): Promise<Map<string, { judged: number; onTime: number }>> {
    const q = new SqlParams();
    const rows: Array<{ park_id: string; judged: number; on_time: number }> = await this.db.query(
      `SELECT i.park_id, count(*)::int AS judged, count(*) FILTER (WHERE i.on_time)::int AS on_time
       FROM items i
       WHERE i.on_time IS NOT NULL AND i.decided_at >= ${q.add(from)} AND i.decided_at < ${q.add(until)}
         AND ${q.scope(scope, { enterpriseId: 'i.enterprise_id', parkId: 'i.park_id', countyCode: 'i.county_code' })}
       GROUP BY i.park_id`,
      q.values,
    );
    return new Map(rows.map((r) => [r.park_id, { judged: r.judged, onTime: r.on_time }]));
  }
}
