import { CATALOG_V1 } from '../catalog/catalog-v1.constant';
import { NOT_ENTRUSTED_REASON, buildChecklist } from './checklist.util';

const summary = (entries: ReturnType<typeof buildChecklist>) =>
  entries.map((entry) => `${entry.catalog.code}:${entry.waivedReason === null ? 'todo' : 'waived'}`);

describe('checklist from the catalog', () => {
  it('is the expected checklist for a default industrial project', () => {
    expect(summary(buildChecklist(CATALOG_V1, {}, 'whole'))).toEqual([
      'investment_filing:todo',
      'investment_approval:waived',
      'land_pre_review:waived',
      'land_use_planning_permit:todo',
      'eia_report:waived',
      'eia_table:todo',
      'energy_review:waived',
      'safety_conditions_review:waived',
      'soil_water_conservation:waived',
      'design_scheme_review:todo',
      'construction_planning_permit:todo',
      'safety_facilities_design:waived',
      'fire_design_review:todo',
      'construction_drawing_review:todo',
      'civil_air_defense:todo',
      'utility_connections:todo',
      'construction_permit:todo',
      'planning_verification:todo',
      'fire_acceptance:todo',
      'archives_acceptance:todo',
      'joint_acceptance:todo',
      'pollution_permit:todo',
      'property_first_registration:todo',
    ]);
    const waived = buildChecklist(CATALOG_V1, {}, 'whole').find((e) => e.catalog.code === 'energy_review')!;
    expect(waived.waivedReason).toMatch(/^不适用：年综合能耗不足1000吨标准煤/);
  });

  it('adds the conditional items a hazardous, energy-intensive 核准 project needs', () => {
    const entries = buildChecklist(
      CATALOG_V1,
      { hazardousChemicals: true, annualEnergyTce: 20000, approvalCatalog: true, eiaCategory: 'report' },
      'whole',
    );
    const todo = entries.filter((e) => e.waivedReason === null).map((e) => e.catalog.code);
    expect(todo).toEqual(
      expect.arrayContaining([
        'investment_approval',
        'energy_review',
        'safety_conditions_review',
        'safety_facilities_design',
        'eia_report',
      ]),
    );
    expect(todo).not.toContain('investment_filing');
    expect(todo).not.toContain('eia_table');
  });

  it('waives the items the enterprise did not entrust', () => {
    const entries = buildChecklist(CATALOG_V1, {}, 'items', ['construction_permit']);
    expect(entries.filter((e) => e.waivedReason === null).map((e) => e.catalog.code)).toEqual([
      'construction_permit',
    ]);
    expect(entries.find((e) => e.catalog.code === 'eia_table')!.waivedReason).toBe(NOT_ENTRUSTED_REASON);
  });
});
