import type { CatalogItem } from '@daiban/contracts';
import { appliesTo, type ProjectAttributes } from '../catalog/catalog-rules.util';

export const NOT_ENTRUSTED_REASON = '企业未委托代办此事项';

export interface ChecklistEntry {
  catalog: CatalogItem;
  /** null: to be handled; otherwise the reason it is waived from the start. */
  waivedReason: string | null;
}

/**
 * The case's checklist on agreement: every catalog item, in catalog order; those that do not apply to the
 * project, or that the enterprise did not entrust, are waived with the reason (kept visible, so the
 * checklist reads as the whole 全流程审批事项清单).
 */
export function buildChecklist(
  catalog: readonly CatalogItem[],
  attributes: ProjectAttributes,
  coverage: 'whole' | 'items',
  chosenCodes: readonly string[] = [],
): ChecklistEntry[] {
  const chosen = new Set(chosenCodes);
  return catalog.map((item) => {
    if (!appliesTo(item, attributes)) {
      return { catalog: item, waivedReason: `不适用：${item.notApplicableReason ?? ''}` };
    }
    if (coverage === 'items' && !chosen.has(item.code))
      return { catalog: item, waivedReason: NOT_ENTRUSTED_REASON };
    return { catalog: item, waivedReason: null };
  });
}
