import type { QuarterlyReport, QuarterlyUnit } from '@daiban/contracts';
import { capLists } from './quarterly.handler';

const measure = {
  quarter: 0,
  yearToDate: 0,
  annualTarget: null,
  completionPercent: null,
  expectedPercent: 0,
  behindPoints: null,
  light: null,
};
const unit = (projects: number): QuarterlyUnit => ({
  countyCode: '440803',
  countyName: '霞山区',
  parkId: null,
  parkName: null,
  newStarts: {
    ...measure,
    quarter: projects,
    projects: Array.from({ length: projects }, (_, i) => ({ projectId: `p${i}` }) as never),
  },
  newProduction: { ...measure, projects: [] },
  reservedMu: { ...measure, records: [] },
  revitalizedMu: { ...measure, records: [] },
});
const report = (...units: QuarterlyUnit[]): QuarterlyReport => ({
  year: 2026,
  quarter: 4,
  periodStart: '2026-10-01',
  periodEnd: '2026-12-31',
  counties: units,
  parks: [],
  listLimit: null,
});

describe('quarterly answer lists', () => {
  it('leaves short lists whole and says so', () => {
    expect(capLists(report(unit(3)), 5)).toEqual(report(unit(3)));
  });

  it('cuts long lists at the limit, keeps the counts whole, and names the limit', () => {
    const capped = capLists(report(unit(8), unit(2)), 5);
    expect(capped.listLimit).toBe(5);
    expect(capped.counties.map((u) => [u.newStarts.quarter, u.newStarts.projects.length])).toEqual([
      [8, 5],
      [2, 2],
    ]);
  });
});
