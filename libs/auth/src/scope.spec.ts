import fc from 'fast-check';
import type { Scope } from '@daiban/contracts';
import { assertInScope, scopeCondition, scopeCovers } from './scope';

const resource = { enterpriseId: 'e1', parkId: 'p1', countyCode: '440803', departmentCodes: ['fgj'] };

describe('scope rule', () => {
  it.each<[Scope, boolean]>([
    [{ kind: 'city' }, true],
    [{ kind: 'county', countyCode: '440803' }, true],
    [{ kind: 'county', countyCode: '440804' }, false],
    [{ kind: 'park', parkId: 'p1' }, true],
    [{ kind: 'park', parkId: 'p2' }, false],
    [{ kind: 'enterprise', enterpriseId: 'e1' }, true],
    [{ kind: 'enterprise', enterpriseId: 'e2' }, false],
    [{ kind: 'department', departmentCode: 'fgj', countyCode: '440803' }, true],
    [{ kind: 'department', departmentCode: 'fgj', countyCode: null }, true],
    [{ kind: 'department', departmentCode: 'fgj', countyCode: '440882' }, false],
    [{ kind: 'department', departmentCode: 'zrzy', countyCode: '440803' }, false],
    [{ kind: 'none' }, false],
  ])('%j covers the resource: %s', (scope, expected) => {
    expect(scopeCovers(scope, resource)).toBe(expected);
  });

  it('answers NOT_FOUND, never FORBIDDEN, outside the scope', () => {
    const caller = {
      userId: 'u',
      role: 'enterprise' as const,
      scope: { kind: 'enterprise' as const, enterpriseId: 'e2' },
    };
    expect(() => assertInScope(caller, resource, '项目')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: '项目不存在' }),
    );
    expect(() => assertInScope(caller, null)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('missing facts never widen a scope', () => {
    expect(scopeCovers({ kind: 'county', countyCode: '440803' }, {})).toBe(false);
    expect(scopeCovers({ kind: 'park', parkId: 'p1' }, { parkId: null })).toBe(false);
    expect(scopeCondition({ kind: 'park', parkId: 'p1' }, { countyCode: 'c' }).sql).toBe('false');
  });

  it('the SQL condition agrees with the predicate on every generated scope and row', () => {
    const code = fc.constantFrom('a', 'b', 'c');
    const scopeArb: fc.Arbitrary<Scope> = fc.oneof(
      fc.constant({ kind: 'city' as const }),
      code.map((countyCode) => ({ kind: 'county' as const, countyCode })),
      code.map((parkId) => ({ kind: 'park' as const, parkId })),
      code.map((enterpriseId) => ({ kind: 'enterprise' as const, enterpriseId })),
      fc.tuple(code, fc.option(code, { nil: null })).map(([departmentCode, countyCode]) => ({
        kind: 'department' as const,
        departmentCode,
        countyCode,
      })),
      fc.constant({ kind: 'none' as const }),
    );
    const row = fc.record({ enterpriseId: code, parkId: code, countyCode: code, dept: code });
    fc.assert(
      fc.property(scopeArb, row, (scope, r) => {
        const { sql, params } = scopeCondition(scope, {
          enterpriseId: 'e',
          parkId: 'p',
          countyCode: 'c',
          departmentCode: 'd',
        });
        // Evaluate the generated SQL against the row with a tiny interpreter for `col = $n`, AND, true/false.
        const env: Record<string, string> = { e: r.enterpriseId, p: r.parkId, c: r.countyCode, d: r.dept };
        const evaluate = (expr: string): boolean => {
          const trimmed = expr.replace(/^\((.*)\)$/, '$1');
          if (trimmed === 'true') return true;
          if (trimmed === 'false') return false;
          return trimmed.split(' AND ').every((part) => {
            const [col, param] = part.split(' = ');
            return env[col] === params[Number(param.slice(1)) - 1];
          });
        };
        expect(evaluate(sql)).toBe(scopeCovers(scope, { ...r, departmentCodes: [r.dept] }));
      }),
    );
  });
});
