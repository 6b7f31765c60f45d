import type { MilestoneType, ProjectSnapshot } from '@daiban/contracts';
import { MILESTONE_LABELS, MSG } from '../registry.messages';

/** Pairs (earlier, later) that must not be out of order; land may come before or after 开工 in practice. */
const ORDER: ReadonlyArray<[MilestoneType, MilestoneType]> = [
  ['signed', 'land_acquired'],
  ['signed', 'construction_started'],
  ['signed', 'production_started'],
  ['construction_started', 'production_started'],
];

/** The first ordering problem a new milestone would create among the active ones, or null. */
export function milestoneOrderProblem(
  candidate: { type: MilestoneType; date: string },
  active: ReadonlyArray<{ type: MilestoneType; date: string }>,
): string | null {
  const dates = new Map(active.map((m) => [m.type, m.date]));
  if (candidate.type === 'production_started' && !dates.has('construction_started')) {
    return MSG.milestoneNeedsConstruction;
  }
  for (const [earlier, later] of ORDER) {
    if (candidate.type === later && dates.has(earlier) && candidate.date < dates.get(earlier)!) {
      return earlier === 'signed'
        ? MSG.milestoneBeforeSigned(MILESTONE_LABELS[later])
        : MSG.productionBeforeConstruction;
    }
    if (candidate.type === earlier && dates.has(later) && candidate.date > dates.get(later)!) {
      return MSG.milestoneAfter(MILESTONE_LABELS[earlier], MILESTONE_LABELS[later]);
    }
  }
  return null;
}

/** 筹建 / 在建 / 已投产 follow from the active milestones; a cancelled project stays cancelled. */
export function deriveStatus(
  current: ProjectSnapshot['status'],
  activeTypes: ReadonlySet<MilestoneType>,
): ProjectSnapshot['status'] {
  if (current === 'cancelled') return current;
  if (activeTypes.has('production_started')) return 'in_production';
  if (activeTypes.has('construction_started')) return 'under_construction';
  return 'preparing';
}
