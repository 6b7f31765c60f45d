import type { EntityManager } from 'typeorm';
import type { WorkingCalendar } from '@daiban/calendar';
import {
  itemDeadlineChanged,
  itemTransitioned,
  type EnvelopeOf,
  type EventEnvelope,
} from '@daiban/contracts';
import type { RegisteredHandler } from '@daiban/messaging';
import {
  foldItem,
  ITEM_TRANSITION_COLUMNS,
  transitionOf,
  type ItemTransitionRecord,
  ensureItemRow,
} from '../src/projections/item-fold.util';

/**
 * Item transitions and deadline changes applied one event at a time, as ApprovalsProjection did before it
 * applied them set-based: the straightforward form the set-based one must equal (reporting.int-spec.ts rebuilds
 * through these handlers and compares with the live read models).
 */
export class ItemEventsOneByOne {
  constructor(private readonly calendar: WorkingCalendar) {}

  /** Handlers for a rebuild's `handlerFor`, keyed by subject. */
  handlers(): Map<string, RegisteredHandler> {
    return new Map<string, RegisteredHandler>([
      [
        itemTransitioned.subject,
        {
          def: itemTransitioned,
          name: 'ItemEventsOneByOne.onItemTransitioned',
          handle: (e: EventEnvelope, m: EntityManager) =>
            this.onItemTransitioned(e as EnvelopeOf<typeof itemTransitioned>, m),
        },
      ],
      [
        itemDeadlineChanged.subject,
        {
          def: itemDeadlineChanged,
          name: 'ItemEventsOneByOne.onDeadlineChanged',
          handle: (e: EventEnvelope, m: EntityManager) =>
            this.onDeadlineChanged(e as EnvelopeOf<typeof itemDeadlineChanged>, m),
        },
      ],
    ]);
  }

  async onItemTransitioned(event: EnvelopeOf<typeof itemTransitioned>, manager: EntityManager) {
    const p = event.payload;
    await manager.query(
      `INSERT INTO item_transitions (item_id, item_version, action, from_state, to_state, effective_at, department_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (item_id, item_version) DO NOTHING`,
      [p.itemId, p.itemVersion, p.action, p.from, p.to, p.effectiveAt, p.departmentCode],
    );
    await ensureItemRow(manager, p, p.departmentCode, p.itemVersion);
    const rows: ItemTransitionRecord[] = await manager.query(
      `SELECT ${ITEM_TRANSITION_COLUMNS} FROM item_transitions WHERE item_id = $1`,
      [p.itemId],
    );
    const folded = foldItem(this.calendar, rows.map(transitionOf));
    await manager.query(
      `UPDATE items SET state = $2, state_version = $3, department_code = $4, submitted_at = $5, accepted_at = $6,
         decided_at = $7, decision = $8, correction_rounds = $9, working_days_used = $10
       WHERE item_id = $1`,
      [
        p.itemId,
        folded.state,
        folded.stateVersion,
        folded.departmentCode,
        folded.submittedAt,
        folded.acceptedAt,
        folded.decidedAt,
        folded.decision,
        folded.correctionRounds,
        folded.workingDaysUsed,
      ],
    );
  }

  async onDeadlineChanged(event: EnvelopeOf<typeof itemDeadlineChanged>, manager: EntityManager) {
    const p = event.payload;
    await ensureItemRow(manager, p, p.departmentCode, 0);
    await manager.query(
      `UPDATE items SET deadline_version = $2, deadline_clock = $3, deadline_active = $4, paused = $5,
         due_date = $6, due_at = $7, yellow_at = $8, red_at = $9, limit_days = $10, unit = $11, provisional = $12,
         green_channel = $13, major = $14
       WHERE item_id = $1 AND deadline_version < $2`,
      [
        p.itemId,
        p.deadlineVersion,
        p.clock,
        p.active,
        p.paused,
        p.dueDate,
        p.dueAt,
        p.yellowAt?.at ?? null,
        p.redAt?.at ?? null,
        p.limit,
        p.unit,
        p.provisional,
        p.greenChannel,
        p.major,
      ],
    );
    // The due date a decision is judged by: the newest running statutory clock, kept after the clock stops.
    if (p.clock === 'time_limit' && p.active && p.dueAt) {
      await manager.query(
        `UPDATE items SET limit_due_at = $2, limit_due_version = $3 WHERE item_id = $1 AND limit_due_version < $3`,
        [p.itemId, p.dueAt, p.deadlineVersion],
      );
    }
  }
}
