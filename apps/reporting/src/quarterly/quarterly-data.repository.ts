import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Scope } from '@daiban/contracts';
import { SqlParams } from '../common/sql-params.util';
import type { Quarter } from '@daiban/calendar';
import { yearToDate, type Period } from '../common/report-period.util';

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

/**
 * A fact's place in its unit's date-ordered list (1-based; null when the answer was cut before it) and that
 * list's length and quarter count.
 */
export interface ListPlace {
  rank: number | null;
  yearToDate: number;
  quarter: number;
}

/** The `<unit>_rank`, `<unit>_ytd` and `<unit>_quarter` columns of a ranked row (a sum over no row is null). */
function listPlace(r: Record<string, string | number | null>, unit: 'county' | 'park'): ListPlace {
  return {
    rank: r[`${unit}_rank`] == null ? null : Number(r[`${unit}_rank`]),
    yearToDate: Number(r[`${unit}_ytd`]),
    quarter: Number(r[`${unit}_quarter`] ?? 0),
  };
}

export interface RankedMilestone extends MilestoneFact {
  county: ListPlace;
  park: ListPlace;
}

/** For land, `yearToDate` and `quarter` are 亩 and `count` the records year to date. */
export interface RankedLand extends LandFact {
  county: ListPlace & { count: number };
  park: ListPlace & { count: number };
}

export interface ParkRef {
  parkId: string;
  name: string;
  countyCode: string;
}

// A milestone counts where its project is now; before the project's snapshot arrives, where it was recorded.
const M_COUNTY = 'COALESCE(p.county_code, m.county_code)';
const M_PARK = 'COALESCE(p.park_id, m.park_id)';

/** Scope columns of milestone_facts `f`. */
const FACT_SCOPE = { enterpriseId: 'f.enterprise_id', parkId: 'f.park_id', countyCode: 'f.county_code' };

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

  /**
   * The quarterly report's milestone facts as `milestones` finds them for the year to the end of `quarter`, with
   * each fact's place in the date-ordered list of its county and of its park (per type) and those lists' counts,
   * year to date and in the quarter; with a limit, only the facts among the first `limit` of their county's or
   * their park's list, and a fact's rank in a list it is not listed in is null. Counts come from
   * milestone_fact_counts and each list's first rows from an index of milestone_facts (both kept by triggers,
   * migration 1766350000000), so the answer costs the listed rows, not the year's facts.
   */
  async rankedMilestones(
    scope: Scope,
    types: readonly string[],
    year: number,
    quarter: Quarter,
    limit: number | null,
  ): Promise<RankedMilestone[]> {
    const q = new SqlParams();
    const y = q.add(year);
    const qn = q.add(quarter);
    const end = q.add(yearToDate(year, quarter).end);
    const typeList = q.add(types);
    const max = q.add(limit);
    // The counters have no enterprise column: for that scope (no report reader has it today) count the facts.
    const counted =
      scope.kind === 'enterprise'
        ? `(SELECT f.year, f.type, f.county_code, f.park_id, extract(quarter FROM f.date)::int AS quarter, 1 AS facts
            FROM milestone_facts f WHERE ${q.scope(scope, FACT_SCOPE)}) k WHERE true`
        : `milestone_fact_counts k WHERE ${q.scope(scope, { parkId: 'k.park_id', countyCode: 'k.county_code' })}`;
    const list = (unit: 'county_code' | 'park_id', units: string) =>
      `SELECT l.*, row_number() OVER (PARTITION BY l.type, l.${unit} ORDER BY l.date, l.project_id) AS rank
       FROM ${units} u CROSS JOIN LATERAL (
         SELECT f.project_id, f.type, f.date, f.county_code, f.park_id FROM milestone_facts f
         WHERE f.year = ${y} AND f.type = u.type AND f.${unit} = u.${unit} AND f.date <= ${end}
           AND ${q.scope(scope, FACT_SCOPE)}
         ORDER BY f.date, f.project_id LIMIT ${max}
       ) l`;
    const rows: Array<Record<string, string | number | null>> = await this.db.query(
      `WITH k AS (
         SELECT k.type, k.county_code, k.park_id, sum(k.facts) FILTER (WHERE k.quarter <= ${qn}) AS ytd,
           sum(k.facts) FILTER (WHERE k.quarter = ${qn}) AS quarter
         FROM ${counted} AND k.year = ${y} AND k.type = ANY(${typeList})
         GROUP BY k.type, k.county_code, k.park_id
       ), county_units AS (
         SELECT type, county_code, sum(ytd) AS ytd, sum(quarter) AS quarter FROM k
         GROUP BY type, county_code HAVING sum(ytd) > 0
       ), park_units AS (
         SELECT type, park_id, sum(ytd) AS ytd, sum(quarter) AS quarter FROM k
         GROUP BY type, park_id HAVING sum(ytd) > 0
       ), listed AS (
         SELECT project_id, type, date, county_code, park_id, max(county_rank) AS county_rank,
           max(park_rank) AS park_rank
         FROM (
           SELECT c.*, c.rank AS county_rank, NULL::bigint AS park_rank FROM (${list('county_code', 'county_units')}) c
           UNION ALL
           SELECT p.*, NULL, p.rank FROM (${list('park_id', 'park_units')}) p
         ) both_lists
         GROUP BY project_id, type, date, county_code, park_id
       )
       SELECT r.project_id, r.county_code, r.park_id, r.type, r.date::text AS date, r.county_rank,
         c.ytd AS county_ytd, c.quarter AS county_quarter, r.park_rank, pc.ytd AS park_ytd, pc.quarter AS park_quarter,
         p.name, p.project_code, p.industry_chain, p.total_investment::text AS total_investment, pk.name AS park_name
       FROM listed r
       JOIN county_units c ON c.type = r.type AND c.county_code = r.county_code
       JOIN park_units pc ON pc.type = r.type AND pc.park_id = r.park_id
       LEFT JOIN projects p ON p.project_id = r.project_id
       LEFT JOIN parks pk ON pk.park_id = r.park_id
       ORDER BY r.date, r.project_id`,
      q.values,
    );
    return rows.map((r) => ({
      projectId: r.project_id as string,
      name: r.name as string | null,
      projectCode: r.project_code as string | null,
      countyCode: r.county_code as string,
      parkId: r.park_id as string,
      parkName: r.park_name as string | null,
      industryChain: r.industry_chain as string | null,
      totalInvestment: r.total_investment as string | null,
      type: r.type as string,
      date: r.date as string,
      county: listPlace(r, 'county'),
      park: listPlace(r, 'park'),
    }));
  }

  /** `land` for the quarterly report, ranked and counted per county and per park as `rankedMilestones` is. */
  async rankedLand(scope: Scope, ytd: Period, quarter: Period, limit: number | null): Promise<RankedLand[]> {
    const q = new SqlParams();
    const inQuarter = `l.date BETWEEN ${q.add(quarter.start)} AND ${q.add(quarter.end)}`;
    const where = `l.date BETWEEN ${q.add(ytd.start)} AND ${q.add(ytd.end)}
         AND ${q.scope(scope, { parkId: 'l.park_id', countyCode: 'l.county_code' })}`;
    const listed =
      limit == null ? 'true' : `f.county_rank <= ${q.add(limit)} OR f.park_rank <= $${q.values.length}`;
    // numeric sums, exact at four decimals: the same 亩 as adding the rows' areas in units of 0.0001.
    const rows: Array<Record<string, string | number | null>> = await this.db.query(
      `SELECT f.*, pk.name AS park_name FROM (
         SELECT l.land_record_id, l.county_code, l.park_id, l.kind, l.area_mu::text AS area_mu, l.date::text AS date,
           row_number() OVER county_list AS county_rank, count(*) OVER county AS county_n,
           sum(l.area_mu) OVER county AS county_ytd,
           sum(l.area_mu) FILTER (WHERE ${inQuarter}) OVER county AS county_quarter,
           row_number() OVER park_list AS park_rank, count(*) OVER park AS park_n,
           sum(l.area_mu) OVER park AS park_ytd,
           sum(l.area_mu) FILTER (WHERE ${inQuarter}) OVER park AS park_quarter
         FROM land_records l
         WHERE ${where}
         WINDOW county AS (PARTITION BY l.kind, l.county_code),
           county_list AS (county ORDER BY l.date, l.land_record_id),
           park AS (PARTITION BY l.kind, l.park_id),
           park_list AS (park ORDER BY l.date, l.land_record_id)
       ) f
       LEFT JOIN parks pk ON pk.park_id = f.park_id
       WHERE ${listed}
       ORDER BY f.date, f.land_record_id`,
      q.values,
    );
    return rows.map((r) => ({
      landRecordId: r.land_record_id as string,
      countyCode: r.county_code as string,
      parkId: r.park_id as string,
      parkName: r.park_name as string | null,
      kind: r.kind as LandFact['kind'],
      areaMu: Number(r.area_mu),
      date: r.date as string,
      county: { ...listPlace(r, 'county'), count: Number(r.county_n) },
      park: { ...listPlace(r, 'park'), count: Number(r.park_n) },
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
