import { WorkingCalendar } from '@daiban/calendar';
import { buildPlan, type PlanInput } from './plan.util';

const calendar = WorkingCalendar.official();
const item = (
  code: string,
  duration: number,
  prerequisites: string[],
  extra: Partial<PlanInput> = {},
): PlanInput => ({
  itemId: `i-${code}`,
  code,
  name: code,
  state: 'not_started',
  duration,
  unit: 'working_days',
  prerequisites,
  fixedFinish: null,
  done: false,
  ...extra,
});

/*
 * Fixture graph:   A(3) ──▶ C(5) ──▶ E(2)
 *                  B(10) ─────────▶ E
 *                  D(4) (independent)
 * Today Mon 2026-03-02. Forward: A 03-05, B 03-16, C 03-12, D 03-06, E after max(C, B) = 03-16 → 03-18.
 */
const graph = [
  item('a', 3, []),
  item('b', 10, []),
  item('c', 5, ['a']),
  item('d', 4, []),
  item('e', 2, ['c', 'b']),
];

describe('倒排工期 and forecast', () => {
  it('forecasts along the critical path of a fixture graph', () => {
    const plan = buildPlan(calendar, graph, '2026-03-02', '2026-03-31');
    expect(plan.forecastConstructionStart).toBe('2026-03-18');
    expect(plan.criticalPath).toEqual(['b', 'e']);
    expect(plan.behindSchedule).toBe(false);
    const e = plan.rows.find((row) => row.catalogCode === 'e')!;
    expect(e).toMatchObject({ expectedStart: '2026-03-16', expectedFinish: '2026-03-18', critical: true });
  });

  it('back-schedules latest starts from the target', () => {
    const plan = buildPlan(calendar, graph, '2026-03-02', '2026-03-31');
    const row = (code: string) => plan.rows.find((r) => r.catalogCode === code)!;
    expect(row('e')).toMatchObject({ latestFinish: '2026-03-31', latestStart: '2026-03-27' });
    expect(row('c')).toMatchObject({ latestFinish: '2026-03-27', latestStart: '2026-03-20' });
    expect(row('a')).toMatchObject({ latestFinish: '2026-03-20', latestStart: '2026-03-17' });
    expect(row('b')).toMatchObject({ latestFinish: '2026-03-27', latestStart: '2026-03-13' });
    expect(row('d')).toMatchObject({ latestFinish: '2026-03-31', latestStart: '2026-03-25' });
  });

  it('is behind schedule when the forecast passes the target, and uses known finishes of done and running items', () => {
    expect(buildPlan(calendar, graph, '2026-03-02', '2026-03-17').behindSchedule).toBe(true);
    const progressed = graph.map((row) =>
      row.code === 'b' ? { ...row, state: 'approved' as const, fixedFinish: '2026-02-27', done: true } : row,
    );
    const plan = buildPlan(calendar, progressed, '2026-03-02', '2026-03-17');
    expect(plan.forecastConstructionStart).toBe('2026-03-16');
    expect(plan.criticalPath).toEqual(['a', 'c', 'e']);
    expect(plan.behindSchedule).toBe(false);
  });
});
