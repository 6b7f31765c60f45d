import { Injectable } from '@nestjs/common';
import {
  INVESTMENT_TIERS,
  TARGET_TIERS,
  centsToWanYuan,
  investmentTierOf,
  wanYuanToCents,
  type Caller,
  type InvestmentReport,
  type InvestmentTier,
} from '@daiban/contracts';
import { requireReportReader } from '../common/report-access.util';
import { percent, yearToDate } from '../common/report-period.util';
import { TIER_LABELS, countyName } from '../common/reporting-messages.constant';
import { QuarterlyDataRepository } from '../quarterly/quarterly-data.repository';
import { countiesInScope } from '../quarterly/quarterly.service';
import { TargetsService } from '../targets/targets.service';

type Counts = Record<InvestmentTier, number>;
const zero = (): Counts => Object.fromEntries(INVESTMENT_TIERS.map((t) => [t, 0])) as Counts;

/** Projects whose effective 签约 milestone falls in the year, by the registry's investment tiers. */
@Injectable()
export class InvestmentService {
  constructor(
    private readonly data: QuarterlyDataRepository,
    private readonly targets: TargetsService,
  ) {}

  async report(callerOrNull: Caller | null, year: number): Promise<InvestmentReport> {
    const caller = requireReportReader(callerOrNull);
    const signed = (await this.data.milestones(caller.scope, ['signed'], yearToDate(year, 4))).filter(
      (m) => m.totalInvestment !== null,
    );
    const targets = (await this.targets.forYear(year)).investmentTiers;
    const projects = signed.map((m) => ({
      projectId: m.projectId,
      name: m.name,
      countyCode: m.countyCode,
      parkId: m.parkId,
      industryChain: m.industryChain,
      totalInvestmentWan: m.totalInvestment!,
      tier: investmentTierOf(m.totalInvestment!),
      signedOn: m.date,
    }));
    const group = (keys: string[], keyOf: (p: (typeof projects)[number]) => string) => {
      const groups = new Map(keys.map((k) => [k, { counts: zero(), investmentWan: '0.00' }]));
      for (const p of projects) {
        const g = groups.get(keyOf(p)) ?? { counts: zero(), investmentWan: '0.00' };
        g.counts[p.tier] += 1;
        g.investmentWan = centsToWanYuan(
          wanYuanToCents(g.investmentWan) + wanYuanToCents(p.totalInvestmentWan),
        );
        groups.set(keyOf(p), g);
      }
      return groups;
    };
    const byCounty = group(countiesInScope(caller.scope), (p) => p.countyCode);
    const byChain = group([], (p) => p.industryChain ?? '其他');
    return {
      year,
      tiers: TARGET_TIERS.map((tier) => {
        const actual = projects.filter((p) => p.tier === tier).length;
        return {
          tier,
          label: TIER_LABELS[tier],
          target: targets[tier],
          actual,
          completionPercent: percent(actual, targets[tier]),
        };
      }),
      byCounty: [...byCounty.entries()].map(([code, g]) => ({
        countyCode: code,
        countyName: countyName(code),
        ...g,
      })),
      byChain: [...byChain.entries()]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([chain, g]) => ({ industryChain: chain, ...g })),
      projects,
    };
  }
}
