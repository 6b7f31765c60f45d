import { Injectable } from '@nestjs/common';
import type { Caller, EvaluationWeights, ParkEvaluationRow } from '@daiban/contracts';
import { requireReportReader } from '../common/report-access.util';
import { percent, yearInstants, yearToDate } from '../common/report-period.util';
import { countyName } from '../common/reporting-messages.constant';
import { QuarterlyDataRepository } from '../quarterly/quarterly-data.repository';
import { NEW_PRODUCTION, NEW_START } from '../quarterly/quarterly.service';
import { TargetsService } from '../targets/targets.service';

type Measure = keyof EvaluationWeights;
const MEASURES: readonly Measure[] = [
  'newStarts',
  'newProduction',
  'reservedMu',
  'revitalizedMu',
  'onTimeRate',
];

/**
 * The annual park ranking. Each measure is divided by the best park's value (so measures in 个, 亩 and % can
 * be weighed together), weighted, and scaled to 0–100. A park with no decided items scores 0 on on-time rate.
 */
@Injectable()
export class ParkEvaluationService {
  constructor(
    private readonly data: QuarterlyDataRepository,
    private readonly targets: TargetsService,
  ) {}

  async report(callerOrNull: Caller | null, year: number, override?: EvaluationWeights) {
    const caller = requireReportReader(callerOrNull);
    const weights = override ?? (await this.targets.forYear(year)).evaluationWeights;
    const period = yearToDate(year, 4);
    const { from, until } = yearInstants(year);
    const [milestones, land, parks, onTime] = await Promise.all([
      this.data.milestones(caller.scope, [NEW_START, NEW_PRODUCTION], period),
      this.data.land(caller.scope, period),
      this.data.parks(caller.scope),
      this.data.onTimeByPark(caller.scope, from, until),
    ]);
    const units = new Map(parks.map((p) => [p.parkId, { ...p, name: p.name as string | null }]));
    for (const f of [...milestones, ...land])
      if (!units.has(f.parkId))
        units.set(f.parkId, { parkId: f.parkId, name: f.parkName, countyCode: f.countyCode });
    const raw = [...units.values()].map((park) => {
      const mine = milestones.filter((m) => m.parkId === park.parkId);
      const area = (kind: string) =>
        land
          .filter((l) => l.parkId === park.parkId && l.kind === kind)
          .reduce((s, l) => s + Math.round(l.areaMu * 10_000), 0) / 10_000;
      const judged = onTime.get(park.parkId);
      return {
        park,
        values: {
          newStarts: mine.filter((m) => m.type === NEW_START).length,
          newProduction: mine.filter((m) => m.type === NEW_PRODUCTION).length,
          reservedMu: area('reserved'),
          revitalizedMu: area('revitalized'),
          onTimeRate: judged ? percent(judged.onTime, judged.judged) : null,
        },
      };
    });
    const best = Object.fromEntries(
      MEASURES.map((m) => [m, Math.max(0, ...raw.map((r) => r.values[m] ?? 0))]),
    ) as Record<Measure, number>;
    const weightSum = MEASURES.reduce((s, m) => s + weights[m], 0);
    const scored = raw.map((r) => {
      const weighted = MEASURES.reduce(
        (s, m) => s + (best[m] > 0 ? (weights[m] * (r.values[m] ?? 0)) / best[m] : 0),
        0,
      );
      return { ...r, score: weightSum > 0 ? Math.round((1000 * weighted) / weightSum) / 10 : 0 };
    });
    scored.sort((a, b) => b.score - a.score || a.park.parkId.localeCompare(b.park.parkId));
    let rank = 0;
    const rows = scored.map((r, index): ParkEvaluationRow => {
      // Equal scores share a rank (1, 2, 2, 4).
      if (index === 0 || scored[index - 1].score !== r.score) rank = index + 1;
      return {
        rank,
        parkId: r.park.parkId,
        parkName: r.park.name,
        countyCode: r.park.countyCode,
        countyName: countyName(r.park.countyCode),
        ...r.values,
        score: r.score,
      };
    });
    return { year, weights, rows };
  }
}
