import type { CaseItem, LedgerEntry, Plan } from './enterprise-queries';

/** Who has the item in hand now, in the enterprise's words. */
export type Holder = 'agent' | 'department' | 'enterprise' | 'done' | 'waived';

const HOLDERS: Record<CaseItem['state'], Holder> = {
  not_started: 'agent',
  preparing: 'agent',
  submitted: 'department',
  correction_requested: 'enterprise',
  not_accepted: 'agent',
  accepted: 'department',
  accepted_with_deficiency: 'department',
  special_procedure: 'department',
  extended: 'department',
  approved: 'agent',
  approved_on_commitment: 'agent',
  commitment_breached: 'enterprise',
  denied: 'done',
  result_collected: 'agent',
  handed_over: 'done',
  waived: 'waived',
};

export function holderOf(item: CaseItem): Holder {
  return HOLDERS[item.state];
}

const DECIDED: readonly string[] = ['approved', 'approved_on_commitment', 'denied'];
const FINAL: readonly string[] = ['handed_over', 'waived', 'denied'];

export function isFinished(item: CaseItem): boolean {
  return FINAL.includes(item.state);
}

/** What the enterprise must supply for the item now: the 补正 list, 承诺 or 容缺 materials with their due date. */
export type Need =
  | { kind: 'correction'; materials: string[] }
  | { kind: 'commitment' | 'deficiency'; materials: string[]; dueOn: string; light: string | null }
  | { kind: 'breached' };

export function needsOf(item: CaseItem): Need[] {
  const needs: Need[] = [];
  if (item.state === 'correction_requested') {
    needs.push({ kind: 'correction', materials: item.correctionMaterials });
  }
  if (item.state === 'commitment_breached' || item.commitment?.status === 'breached') {
    needs.push({ kind: 'breached' });
  } else if (item.commitment?.status === 'pending') {
    const { materials, dueOn, light } = item.commitment;
    needs.push({ kind: 'commitment', materials, dueOn, light });
  }
  if (item.deficiency?.status === 'pending') {
    const { materials, dueOn, light } = item.deficiency;
    needs.push({ kind: 'deficiency', materials, dueOn, light });
  }
  return needs;
}

/** The effective time each item was decided (approved, approved on commitment or denied), from the ledger. */
export function decidedAt(entries: readonly LedgerEntry[] | undefined): Map<string, string> {
  const decided = new Map<string, string>();
  for (const entry of entries ?? []) {
    if (entry.itemId && entry.to && DECIDED.includes(entry.to)) decided.set(entry.itemId, entry.effectiveAt);
  }
  return decided;
}

/** The 倒排工期 forecast of each open item's finish, by item id. */
export function expectedFinish(plan: Plan | undefined): Map<string, string> {
  return new Map(
    (plan?.items ?? []).filter((row) => !row.done).map((row) => [row.itemId, row.expectedFinish]),
  );
}

const STAGE_ORDER = ['land_planning', 'engineering_permit', 'construction_permit', 'completion'];

/** Items in the order the approvals happen: by stage, keeping the case's order within a stage. */
export function timelineOrder(items: readonly CaseItem[]): CaseItem[] {
  return [...items].sort((a, b) => STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage));
}
