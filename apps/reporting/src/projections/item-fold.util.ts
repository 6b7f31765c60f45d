import type { EntityManager } from 'typeorm';
import { shanghaiDateOf, type WorkingCalendar } from '@daiban/calendar';
import type { Place } from '@daiban/contracts';

export interface ItemTransitionRow {
  itemVersion: number;
  action: string;
  to: string;
  effectiveAt: Date;
  departmentCode: string;
}

/** A row of item_transitions as the folds read it. */
export interface ItemTransitionRecord {
  item_version: number;
  action: string;
  to_state: string;
  effective_at: Date;
  department_code: string;
}

export const ITEM_TRANSITION_COLUMNS = 'item_version, action, to_state, effective_at, department_code';

export function transitionOf(r: ItemTransitionRecord): ItemTransitionRow {
  return {
    itemVersion: r.item_version,
    action: r.action,
    to: r.to_state,
    effectiveAt: r.effective_at,
    departmentCode: r.department_code,
  };
}

export interface FoldedItem {
  state: string;
  stateVersion: number;
  departmentCode: string;
  submittedAt: Date | null;
  acceptedAt: Date | null;
  decidedAt: Date | null;
  decision: string | null;
  correctionRounds: number;
  workingDaysUsed: number | null;
}

const ACCEPTED = new Set(['accepted', 'accepted_with_deficiency']);
const DECISIONS = new Set(['approve', 'approve_on_commitment', 'deny']);

/**
 * An item's reporting facts from every transition seen so far, in item-version order. Folding the whole
 * history (instead of patching the row per event) makes the result independent of delivery order.
 */
export function foldItem(calendar: WorkingCalendar, transitions: readonly ItemTransitionRow[]): FoldedItem {
  const sorted = [...transitions].sort((a, b) => a.itemVersion - b.itemVersion);
  const last = sorted[sorted.length - 1];
  let submittedAt: Date | null = null;
  let acceptedAt: Date | null = null;
  let decidedAt: Date | null = null;
  let decision: string | null = null;
  let correctionRounds = 0;
  const pauses: Array<{ start: string; end: string }> = [];
  let pauseFrom: string | null = null;
  for (const t of sorted) {
    if (t.action === 'submit' && !submittedAt) submittedAt = t.effectiveAt;
    if (ACCEPTED.has(t.to) && !acceptedAt && t.action !== 'end_special_procedure') acceptedAt = t.effectiveAt;
    if (t.action === 'request_correction') correctionRounds += 1;
    if (DECISIONS.has(t.action)) {
      decidedAt = t.effectiveAt;
      decision = t.to;
    }
    if (t.action === 'start_special_procedure') pauseFrom = shanghaiDateOf(t.effectiveAt);
    if (t.action === 'end_special_procedure' && pauseFrom) {
      pauses.push({ start: pauseFrom, end: shanghaiDateOf(t.effectiveAt) });
      pauseFrom = null;
    }
  }
  let workingDaysUsed: number | null = null;
  if (acceptedAt && decidedAt && decidedAt >= acceptedAt) {
    workingDaysUsed = calendar.workingDaysBetween(
      shanghaiDateOf(acceptedAt),
      shanghaiDateOf(decidedAt),
      pauses.filter((p) => p.start <= p.end),
    ).count;
  }
  return {
    state: last?.to ?? 'not_started',
    stateVersion: last?.itemVersion ?? 0,
    departmentCode: last?.departmentCode ?? '',
    submittedAt,
    acceptedAt,
    decidedAt,
    decision,
    correctionRounds,
    workingDaysUsed,
  };
}

/** What an item event says of the item it is about. */
export interface ItemRef {
  itemId: string;
  caseId: string;
  projectId: string;
  catalogCode: string;
  place: Place;
}

/** Creates the item row on its first event; the place follows the newest item version seen. */
export async function ensureItemRow(
  manager: EntityManager,
  ref: ItemRef,
  departmentCode: string,
  itemVersion: number,
): Promise<void> {
  await manager.query(
    `INSERT INTO items (item_id, case_id, project_id, catalog_code, enterprise_id, park_id, county_code, department_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (item_id) DO UPDATE SET enterprise_id = EXCLUDED.enterprise_id, park_id = EXCLUDED.park_id,
       county_code = EXCLUDED.county_code
     WHERE items.state_version <= $9`,
    [
      ref.itemId,
      ref.caseId,
      ref.projectId,
      ref.catalogCode,
      ref.place.enterpriseId,
      ref.place.parkId,
      ref.place.countyCode,
      departmentCode,
      itemVersion,
    ],
  );
}
