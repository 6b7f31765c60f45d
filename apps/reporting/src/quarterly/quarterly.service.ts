import { Injectable } from '@nestjs/common';
import { assessQuarter, type Quarter } from '@daiban/calendar';
import {
  type Caller,
  type QuarterMeasure,
  type QuarterlyReport,
  type QuarterlyUnit,
  type ReportLandRow,
  type ReportProjectRow,
  type Scope,
  type UnitTargets,
} from '@daiban/contracts';
import { requireReportReader } from '../common/report-access.util';
import { quarterPeriod, yearToDate, type Period } from '../common/report-period.util';
import { COUNTY_NAMES, countyName } from '../common/reporting-messages.constant';
import { countyTargets, parkTargets, TargetsService } from '../targets/targets.service';
import {
  QuarterlyDataRepository,
  type LandFact,
  type MilestoneFact,
  type ListPlace,
  type RankedLand,
  type RankedMilestone,
} from './quarterly-data.repository';

export const NEW_START = 'construction_started';
export const NEW_PRODUCTION = 'production_started';

/** Everything the quarterly views need, fetched once and sliced per county and park. */
export interface QuarterFacts {
  year: number;
  quarter: Quarter;
  period: Period;
  ytd: Period;
  milestones: MilestoneFact[];
  land: LandFact[];
}

@Injectable()
export class QuarterlyService {
  constructor(
    private readonly data: QuarterlyDataRepository,
    private readonly targets: TargetsService,
  ) {}

  /**
   * With `listLimit`, each unit lists only the first rows of each measure (in date order) and `listLimit` says so
   * when some list was longer; the counts always cover every row. Counted and cut in SQL (milestones from the
   * facts and counters their triggers keep, land with window functions), so the answer costs the listed rows, not
   * the year's projects: the city-wide year holds tens of thousands.
   */
  async report(
    callerOrNull: Caller | null,
    year: number,
    quarter: Quarter,
    listLimit: number | null = null,
  ): Promise<QuarterlyReport> {
    const caller = requireReportReader(callerOrNull);
    const period = quarterPeriod(year, quarter);
    const ytd = yearToDate(year, quarter);
    const [milestones, land, targets, parks] = await Promise.all([
      this.data.rankedMilestones(caller.scope, [NEW_START, NEW_PRODUCTION], year, quarter, listLimit),
      this.data.rankedLand(caller.scope, ytd, period, listLimit),
      this.targets.forYear(year),
      this.data.parks(caller.scope),
    ]);
    // Every unit's first fact is among the rows (rank 1), so first appearances are those of the whole lists.
    const parkIds = new Map(parks.map((p) => [p.parkId, p]));
    for (const f of [...milestones, ...land])
      if (!parkIds.has(f.parkId))
        parkIds.set(f.parkId, { parkId: f.parkId, name: f.parkName ?? f.parkId, countyCode: f.countyCode });
    const byUnit = new Map<string, UnitFacts>();
    const unitFacts = (key: string) => {
      let facts = byUnit.get(key);
      if (!facts) byUnit.set(key, (facts = { milestones: [], land: [] }));
      return facts;
    };
    for (const f of milestones) {
      unitFacts(`c ${f.countyCode}`).milestones.push({ fact: f, place: f.county });
      unitFacts(`p ${f.parkId}`).milestones.push({ fact: f, place: f.park });
    }
    for (const f of land) {
      unitFacts(`c ${f.countyCode}`).land.push({ fact: f, place: f.county });
      unitFacts(`p ${f.parkId}`).land.push({ fact: f, place: f.park });
    }
    const units = {
      counties: countiesInScope(caller.scope, { milestones, land }).map((code) =>
        rankedUnit(byUnit.get(`c ${code}`), listLimit, period, quarter, countyTargets(targets, code), {
          countyCode: code,
          parkId: null,
          parkName: null,
        }),
      ),
      parks: [...parkIds.values()]
        .sort((a, b) => a.countyCode.localeCompare(b.countyCode) || a.parkId.localeCompare(b.parkId))
        .map((park) =>
          rankedUnit(
            byUnit.get(`p ${park.parkId}`),
            listLimit,
            period,
            quarter,
            parkTargets(targets, park.parkId),
            {
              countyCode: park.countyCode,
              parkId: park.parkId,
              parkName: park.name,
            },
          ),
        ),
    };
    const cut = [...units.counties, ...units.parks].some((u) => u.cut);
    return {
      year,
      quarter,
      listLimit: cut ? listLimit : null,
      periodStart: period.start,
      periodEnd: period.end,
      counties: units.counties.map((u) => u.unit),
      parks: units.parks.map((u) => u.unit),
    };
  }

  async facts(scope: Scope, year: number, quarter: Quarter): Promise<QuarterFacts> {
    const ytd = yearToDate(year, quarter);
    const [milestones, land] = await Promise.all([
      this.data.milestones(scope, [NEW_START, NEW_PRODUCTION], ytd),
      this.data.land(scope, ytd),
    ]);
    return { year, quarter, period: quarterPeriod(year, quarter), ytd, milestones, land };
  }
}

/** Counties a caller sees in county-level tables: all of them for the city, its own for a county. */
export function countiesInScope(
  scope: Scope,
  facts?: { milestones: MilestoneFact[]; land: LandFact[] },
): string[] {
  if (scope.kind === 'county') return [scope.countyCode];
  if (scope.kind !== 'city') return [];
  const codes = new Set(Object.keys(COUNTY_NAMES));
  for (const f of [...(facts?.milestones ?? []), ...(facts?.land ?? [])]) codes.add(f.countyCode);
  return [...codes];
}

export function measure(
  quarterValue: number,
  yearToDateValue: number,
  target: number | null | undefined,
  quarter: Quarter,
): QuarterMeasure {
  const round = (n: number) => Math.round(n * 10) / 10;
  if (target == null) {
    return {
      quarter: quarterValue,
      yearToDate: yearToDateValue,
      annualTarget: null,
      completionPercent: null,
      expectedPercent: quarter * 25,
      behindPoints: null,
      light: null,
    };
  }
  const a = assessQuarter({ actual: yearToDateValue, annualTarget: target, quarter });
  return {
    quarter: quarterValue,
    yearToDate: yearToDateValue,
    annualTarget: target,
    completionPercent: round(a.completionPercent),
    expectedPercent: a.expectedPercent,
    behindPoints: round(a.behindPoints),
    light: a.light,
  };
}

export function projectRow(f: MilestoneFact, period: Period): ReportProjectRow {
  return {
    projectId: f.projectId,
    name: f.name,
    projectCode: f.projectCode,
    countyCode: f.countyCode,
    parkId: f.parkId,
    parkName: f.parkName,
    industryChain: f.industryChain,
    totalInvestmentWan: f.totalInvestment,
    date: f.date,
    inQuarter: f.date >= period.start && f.date <= period.end,
  };
}

export function landRow(f: LandFact, period: Period): ReportLandRow {
  return { ...f, inQuarter: f.date >= period.start && f.date <= period.end };
}

/** Sums 亩 at four decimals without float drift. */
function sumMu(records: readonly ReportLandRow[]): number {
  return records.reduce((sum, r) => sum + Math.round(r.areaMu * 10_000), 0) / 10_000;
}

export function unitOf(
  facts: QuarterFacts,
  targets: Partial<UnitTargets>,
  where: { countyCode: string; parkId: string | null; parkName: string | null },
): QuarterlyUnit {
  const mine = <T extends { countyCode: string; parkId: string }>(f: T) =>
    where.parkId ? f.parkId === where.parkId : f.countyCode === where.countyCode;
  const projects = (type: string) =>
    facts.milestones.filter((f) => f.type === type && mine(f)).map((f) => projectRow(f, facts.period));
  const land = (kind: string) =>
    facts.land.filter((f) => f.kind === kind && mine(f)).map((f) => landRow(f, facts.period));
  const starts = projects(NEW_START);
  const production = projects(NEW_PRODUCTION);
  const reserved = land('reserved');
  const revitalized = land('revitalized');
  const q = facts.quarter;
  return {
    countyCode: where.countyCode,
    countyName: countyName(where.countyCode),
    parkId: where.parkId,
    parkName: where.parkName,
    newStarts: {
      ...measure(starts.filter((p) => p.inQuarter).length, starts.length, targets.newStarts, q),
      projects: starts,
    },
    newProduction: {
      ...measure(production.filter((p) => p.inQuarter).length, production.length, targets.newProduction, q),
      projects: production,
    },
    reservedMu: {
      ...measure(sumMu(reserved.filter((r) => r.inQuarter)), sumMu(reserved), targets.reservedMu, q),
      records: reserved,
    },
    revitalizedMu: {
      ...measure(sumMu(revitalized.filter((r) => r.inQuarter)), sumMu(revitalized), targets.revitalizedMu, q),
      records: revitalized,
    },
  };
}

/** A unit's ranked facts, each with its place in this unit's lists, in date order. */
interface UnitFacts {
  milestones: Array<{ fact: RankedMilestone; place: ListPlace }>;
  land: Array<{ fact: RankedLand; place: ListPlace & { count: number } }>;
}

/**
 * A unit of `QuarterlyService.report` from its ranked facts: each list holds the facts ranked within the limit,
 * the counts are those the facts carry for this unit; `cut` when a list was longer than the limit.
 */
function rankedUnit(
  facts: UnitFacts | undefined,
  limit: number | null,
  period: Period,
  q: Quarter,
  targets: Partial<UnitTargets>,
  where: { countyCode: string; parkId: string | null; parkName: string | null },
): { unit: QuarterlyUnit; cut: boolean } {
  let cut = false;
  const listed = (rank: number | null) => rank != null && (limit == null || rank <= limit);
  const projects = (type: string) => {
    const rows: ReportProjectRow[] = [];
    let counts = { yearToDate: 0, quarter: 0 };
    for (const { fact, place } of facts?.milestones ?? []) {
      if (fact.type !== type) continue;
      counts = place;
      if (listed(place.rank)) rows.push(projectRow(fact, period));
    }
    if (rows.length < counts.yearToDate) cut = true;
    return { counts, rows };
  };
  const records = (kind: string) => {
    const rows: ReportLandRow[] = [];
    let counts = { yearToDate: 0, quarter: 0, count: 0 };
    for (const { fact, place } of facts?.land ?? []) {
      if (fact.kind !== kind) continue;
      counts = place;
      const { landRecordId, countyCode, parkId, parkName, areaMu, date } = fact;
      if (listed(place.rank))
        rows.push(
          landRow({ landRecordId, countyCode, parkId, parkName, kind: fact.kind, areaMu, date }, period),
        );
    }
    if (rows.length < counts.count) cut = true;
    return { counts, rows };
  };
  const starts = projects(NEW_START);
  const production = projects(NEW_PRODUCTION);
  const reserved = records('reserved');
  const revitalized = records('revitalized');
  const unit: QuarterlyUnit = {
    countyCode: where.countyCode,
    countyName: countyName(where.countyCode),
    parkId: where.parkId,
    parkName: where.parkName,
    newStarts: {
      ...measure(starts.counts.quarter, starts.counts.yearToDate, targets.newStarts, q),
      projects: starts.rows,
    },
    newProduction: {
      ...measure(production.counts.quarter, production.counts.yearToDate, targets.newProduction, q),
      projects: production.rows,
    },
    reservedMu: {
      ...measure(reserved.counts.quarter, reserved.counts.yearToDate, targets.reservedMu, q),
      records: reserved.rows,
    },
    revitalizedMu: {
      ...measure(revitalized.counts.quarter, revitalized.counts.yearToDate, targets.revitalizedMu, q),
      records: revitalized.rows,
    },
  };
  return { unit, cut };
}
