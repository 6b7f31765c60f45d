export type CaseEventKind =
  | 'opened'
  | 'agreement_signed'
  | 'agent_assigned'
  | 'suspended'
  | 'resumed'
  | 'terminated'
  | 'handed_over'
  | 'closed';

export interface CaseEventRow {
  version: number;
  kind: CaseEventKind;
  state: string | null;
  agentUserId: string | null;
  rating: number | null;
}

export interface FoldedCase {
  state: string;
  agentUserId: string | null;
  rating: number | null;
  version: number;
}

/**
 * A case's state from its events in version order. An agent assignment moves a signed case into progress
 * and leaves any other state alone (the workflow's rule), so the state depends on what came before: hence a
 * fold over the history rather than "last event wins".
 */
export function foldCase(events: readonly CaseEventRow[]): FoldedCase {
  const sorted = [...events].sort((a, b) => a.version - b.version || a.kind.localeCompare(b.kind));
  let state = 'awaiting_agreement';
  let agentUserId: string | null = null;
  let rating: number | null = null;
  for (const e of sorted) {
    switch (e.kind) {
      case 'opened':
        state = e.state ?? state;
        break;
      case 'agent_assigned':
        agentUserId = e.agentUserId;
        if (state === 'agreement_signed' || state === 'awaiting_agreement') state = 'in_progress';
        break;
      case 'resumed':
        state = 'in_progress';
        break;
      case 'closed':
        state = 'closed';
        rating = e.rating;
        break;
      default:
        state = e.kind;
    }
  }
  return { state, agentUserId, rating, version: sorted[sorted.length - 1]?.version ?? 0 };
}
