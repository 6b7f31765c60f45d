import { describe, expect, it } from 'vitest';
import type { QuarterlyReport, QuarterlyUnit } from './leader-queries';
import { quarterlyChartOption, quarterlyUnits } from './quarterly-chart.util';

const measure = (completionPercent: number | null) => ({
  quarter: 0,
  yearToDate: 0,
  annualTarget: completionPercent === null ? null : 10,
  completionPercent,
  expectedPercent: 50,
  behindPoints: null,
  light: null,
});
const unit = (countyName: string, parkName: string | null): QuarterlyUnit => ({
  countyCode: '440803',
  countyName,
  parkId: parkName,
  parkName,
  newStarts: { ...measure(30), projects: [] },
  newProduction: { ...measure(20), projects: [] },
  reservedMu: { ...measure(null), records: [] },
  revitalizedMu: { ...measure(0), records: [] },
});
const report = (parks: QuarterlyUnit[]): QuarterlyReport => ({
  year: 2026,
  quarter: 2,
  periodStart: '2026-04-01',
  periodEnd: '2026-06-30',
  listLimit: null,
  counties: [unit('霞山区', null)],
  parks,
});

describe('quarterly chart', () => {
  it('draws parks once a county is in view, and the county itself while no park has a row', () => {
    const park = unit('霞山区', '霞山临港产业转移工业园');
    expect(quarterlyUnits(report([park]), true)).toEqual({ units: [park], parks: true });
    expect(quarterlyUnits(report([]), true).units.map((u) => u.countyName)).toEqual(['霞山区']);
    expect(quarterlyUnits(report([park]), false).parks).toBe(false);
    expect(quarterlyUnits(undefined, true)).toEqual({ units: [], parks: false });
  });

  it('has one bar series per measure and the pro-rata expectation as a line', () => {
    const option = quarterlyChartOption([unit('霞山区', null)], 50) as {
      xAxis: { data: string[] };
      series: { name: string; data: (number | null)[]; markLine?: { data: { yAxis: number }[] } }[];
    };
    expect(option.xAxis.data).toEqual(['霞山区']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['新开工（个）', [30]],
      ['新投产（个）', [20]],
      ['新收储（亩）', [null]],
      ['新盘活（亩）', [0]],
    ]);
    expect(option.series[0].markLine?.data).toEqual([{ yAxis: 50 }]);
  });
});
