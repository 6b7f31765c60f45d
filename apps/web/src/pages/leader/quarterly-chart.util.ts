import { messages } from '../../i18n/messages';
import type { ChartOption } from './chart';
import type { QuarterlyReport, QuarterlyUnit } from './leader-queries';

export const MEASURES = ['newStarts', 'newProduction', 'reservedMu', 'revitalizedMu'] as const;
export type Measure = (typeof MEASURES)[number];

const COLORS: Record<Measure, string> = {
  newStarts: '#1f5fbf',
  newProduction: '#13a8a8',
  reservedMu: '#d48806',
  revitalizedMu: '#722ed1',
};

/**
 * The rows to draw: the parks once one county is in view, else the counties. A county none of whose parks
 * has a row yet still shows its own line rather than nothing.
 */
export function quarterlyUnits(
  report: QuarterlyReport | undefined,
  byPark: boolean,
): { units: QuarterlyUnit[]; parks: boolean } {
  if (!report) return { units: [], parks: false };
  if (byPark && report.parks.length > 0) return { units: report.parks, parks: true };
  return { units: report.counties, parks: false };
}

/** A unit's label on the axis: the park within a county, else the county. */
export function unitLabel(unit: QuarterlyUnit): string {
  return unit.parkName ?? unit.countyName;
}

/**
 * Year-to-date completion (% of the annual target) per unit and measure as grouped bars, with the pro-rata
 * expectation (q/4) as a dashed line; a measure without a target has no bar.
 */
export function quarterlyChartOption(units: readonly QuarterlyUnit[], expectedPercent: number): ChartOption {
  const t = messages.leader.quarterly;
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '—'),
    },
    legend: { top: 0 },
    grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: {
      type: 'category',
      data: units.map(unitLabel),
      axisLabel: { interval: 0, rotate: units.length > 6 ? 30 : 0 },
    },
    yAxis: {
      type: 'value',
      name: t.completion,
      min: 0,
      max: (value: { max: number }) => Math.max(100, Math.ceil(value.max / 10) * 10),
    },
    series: MEASURES.map((measure, index) => ({
      name: t.measures[measure],
      type: 'bar',
      color: COLORS[measure],
      data: units.map((unit) => unit[measure].completionPercent),
      ...(index === 0
        ? {
            markLine: {
              symbol: 'none',
              lineStyle: { type: 'dashed', color: '#cf1322' },
              label: { formatter: t.expected(expectedPercent), position: 'insideEndTop' },
              data: [{ yAxis: expectedPercent }],
            },
          }
        : {}),
    })),
  };
}
