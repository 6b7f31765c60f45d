import { deriveStatus, milestoneOrderProblem } from './milestone-order.util';

describe('milestone order', () => {
  it('needs 开工 before 投产 and keeps dates in order', () => {
    expect(milestoneOrderProblem({ type: 'production_started', date: '2026-03-01' }, [])).toMatch(
      /先登记开工/,
    );
    const active = [
      { type: 'signed' as const, date: '2026-01-10' },
      { type: 'construction_started' as const, date: '2026-02-01' },
    ];
    expect(milestoneOrderProblem({ type: 'production_started', date: '2026-01-31' }, active)).toMatch(/投产/);
    expect(milestoneOrderProblem({ type: 'production_started', date: '2026-02-01' }, active)).toBeNull();
    expect(milestoneOrderProblem({ type: 'land_acquired', date: '2026-01-09' }, active)).toMatch(/签约/);
    expect(milestoneOrderProblem({ type: 'signed', date: '2026-02-02' }, active.slice(1))).toMatch(
      /不能晚于开工/,
    );
  });
  it('derives 筹建 / 在建 / 已投产', () => {
    expect(deriveStatus('preparing', new Set(['signed']))).toBe('preparing');
    expect(deriveStatus('preparing', new Set(['construction_started']))).toBe('under_construction');
    expect(deriveStatus('under_construction', new Set(['construction_started', 'production_started']))).toBe(
      'in_production',
    );
    expect(deriveStatus('cancelled', new Set(['production_started']))).toBe('cancelled');
  });
});
