import { DomainError, type Caller } from '@daiban/contracts';
import { narrowToCounty } from './county-view.util';

const leader = (scope: Caller['scope']): Caller => ({ userId: 'u1', role: 'leader', scope });

describe('narrowToCounty', () => {
  it('leaves the caller alone without a county', () => {
    const city = leader({ kind: 'city' });
    expect(narrowToCounty(city, undefined)).toBe(city);
  });

  it('narrows a city reader to the chosen county', () => {
    expect(narrowToCounty(leader({ kind: 'city' }), '440803')).toEqual(
      leader({ kind: 'county', countyCode: '440803' }),
    );
  });

  it('lets a county reader name its own county', () => {
    const county = leader({ kind: 'county', countyCode: '440803' });
    expect(narrowToCounty(county, '440803')).toBe(county);
  });

  it('narrows a city-level department to a county, keeping its department', () => {
    const officer: Caller = {
      userId: 'u2',
      role: 'department_officer',
      scope: { kind: 'department', departmentCode: 'fgj', countyCode: null },
    };
    expect(narrowToCounty(officer, '440811').scope).toEqual({
      kind: 'department',
      departmentCode: 'fgj',
      countyCode: '440811',
    });
  });

  it.each([
    ['another county', { kind: 'county', countyCode: '440803' }],
    ['a park', { kind: 'park', parkId: 'park-xslg' }],
    ['a county department elsewhere', { kind: 'department', departmentCode: 'fgj', countyCode: '440803' }],
  ] as const)('refuses a reader scoped to %s (never widens)', (_name, scope) => {
    const attempt = () => narrowToCounty(leader(scope), '440811');
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow('无权查看该县（市、区）的报表');
  });
});
