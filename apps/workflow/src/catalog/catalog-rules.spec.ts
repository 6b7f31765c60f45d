import { catalogItemsSchema } from '@daiban/contracts';
import { CATALOG_V1 } from './catalog-v1.constant';
import { appliesTo, catalogProblems } from './catalog-rules.util';

describe('catalog rules', () => {
  it('ships a valid seed catalog', () => {
    expect(catalogItemsSchema.safeParse(CATALOG_V1).success).toBe(true);
    expect(catalogProblems(CATALOG_V1)).toEqual([]);
  });

  it('reads applies-if conditions, with the stated assumption when an attribute is missing', () => {
    const energy = CATALOG_V1.find((item) => item.code === 'energy_review')!;
    expect(appliesTo(energy, {})).toBe(false);
    expect(appliesTo(energy, { annualEnergyTce: 999 })).toBe(false);
    expect(appliesTo(energy, { annualEnergyTce: 1000 })).toBe(true);
    expect(appliesTo(energy, { annualElectricityKwh: 5_000_000 })).toBe(true);
    const hazardous = CATALOG_V1.find((item) => item.code === 'safety_conditions_review')!;
    expect(appliesTo(hazardous, { hazardousChemicals: true })).toBe(true);
    expect(appliesTo(hazardous, { hazardousChemicals: 'yes' })).toBe(false);
  });

  it('finds unknown prerequisites, duplicates and cycles', () => {
    const [a, b] = CATALOG_V1;
    expect(catalogProblems([a, a])).toContain(`事项编码重复：${a.code}`);
    expect(catalogProblems([{ ...a, prerequisites: [{ code: 'nope', orCommitment: false }] }])[0]).toMatch(
      /nope/,
    );
    const cyclic = [
      { ...a, prerequisites: [{ code: b.code, orCommitment: false }] },
      { ...b, prerequisites: [{ code: a.code, orCommitment: false }] },
    ];
    expect(catalogProblems(cyclic)[0]).toMatch(/循环/);
    expect(catalogProblems([{ ...a, legalLimit: 1, committedLimit: 2 }])[0]).toMatch(/承诺时限/);
  });
});
