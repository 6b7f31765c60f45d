import fc from 'fast-check';
import type { Caller } from '@daiban/contracts';
import { scopeCovers } from '@daiban/auth';
import { concernsCaller } from './stream-filter';

const place = { enterpriseId: 'e1', parkId: 'p1', countyCode: '440803', departmentCodes: ['fgj'] };
const caller = (scope: Caller['scope'], userId = 'u1'): Caller => ({ userId, role: 'agent', scope });

describe('which events reach which caller', () => {
  it('delivers scoped events inside the scope only', () => {
    expect(concernsCaller(caller({ kind: 'park', parkId: 'p1' }), { payload: { place } })).toBe(true);
    expect(concernsCaller(caller({ kind: 'park', parkId: 'p2' }), { payload: { place } })).toBe(false);
    expect(concernsCaller(caller({ kind: 'none' }), { payload: { place } })).toBe(false);
  });

  it('delivers notifications to their recipient only, whatever the scope', () => {
    const note = { payload: { recipientUserId: 'u1', place } };
    expect(concernsCaller(caller({ kind: 'city' }, 'u2'), note)).toBe(false);
    expect(concernsCaller(caller({ kind: 'none' }, 'u1'), note)).toBe(true);
  });

  it('withholds events without a place or with a malformed one', () => {
    expect(concernsCaller(caller({ kind: 'city' }), { payload: {} })).toBe(false);
    expect(concernsCaller(caller({ kind: 'city' }), { payload: { place: { parkId: 1 } } })).toBe(false);
    expect(concernsCaller(caller({ kind: 'city' }), null)).toBe(false);
  });

  it('never delivers an event the scope rule would not cover', () => {
    const code = fc.constantFrom('a', 'b');
    const scope = fc.oneof(
      fc.constant({ kind: 'city' as const }),
      code.map((countyCode) => ({ kind: 'county' as const, countyCode })),
      code.map((parkId) => ({ kind: 'park' as const, parkId })),
      code.map((enterpriseId) => ({ kind: 'enterprise' as const, enterpriseId })),
    );
    const eventPlace = fc.record({
      enterpriseId: code,
      parkId: code,
      countyCode: code,
      departmentCodes: fc.array(code, { maxLength: 2 }),
    });
    fc.assert(
      fc.property(scope, eventPlace, (s, p) => {
        expect(concernsCaller(caller(s), { payload: { place: p } })).toBe(scopeCovers(s, p));
      }),
    );
  });
});
