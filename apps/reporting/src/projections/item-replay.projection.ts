import type { EntityManager } from 'typeorm';
import type { WorkingCalendar } from '@daiban/calendar';
import {
  itemDeadlineChanged,
  itemTransitioned,
  type EnvelopeOf,
  type EventEnvelope,
} from '@daiban/contracts';
import type { BatchProjection } from '../rebuild/rebuild.service';
import {
  foldItem,
  ITEM_TRANSITION_COLUMNS,
  transitionOf,
  type ItemTransitionRecord,
  type ItemTransitionRow,
} from './item-fold.util';

type Transitioned = EnvelopeOf<typeof itemTransitioned>;
type DeadlineChanged = EnvelopeOf<typeof itemDeadlineChanged>;
type ItemEvent = Transitioned | DeadlineChanged;

interface ItemPlan {
  first: ItemEvent;
  /** The event whose place the row ends with (see placeCandidate). */
  place: ItemEvent;
  placeVersion: number;
  /** The highest item version among the run's transitions seen so far. */
  maxVersion: number;
  hasTransition: boolean;
  deadline: DeadlineChanged | null;
  limitDue: DeadlineChanged | null;
}

/**
 * Item transitions and deadline changes, set-based, for the live consumer's batches and for the rebuild: per
 * run of events one insert of the transitions, one upsert of the items, one read of their histories, one update
 * of the folds and one update each of the deadlines and the judged due dates, instead of about five round trips
 * per event.
 *
 * Equivalence with the one-by-one handlers (apps/reporting/test/item-events-one-by-one.ts), item by item:
 * - place: event i rewrites the place when `state_version <= v_i` (v = item version, 0 for a deadline), and
 *   state_version before event i is max(S0, v_j for j < i). Only events with v_i ≥ every earlier v_j of the
 *   run can pass; their versions rise in stream order, so the last of them wins iff S0 ≤ its version: one
 *   upsert with that event's place and the live handler's guard. A new row takes case, project, catalog and
 *   department from the item's first event, as the first ensureItem would.
 * - state: the fold of the whole stored history, as the live handler computes after its last event.
 * - deadline and judged due date: `version < new` guards keep the first event of the highest version.
 * The items rows are locked by the upsert before the histories are read, as ensureItem does for one event.
 */
export class ItemReplayProjection implements BatchProjection {
  readonly subjects: ReadonlySet<string> = new Set([itemTransitioned.subject, itemDeadlineChanged.subject]);

  constructor(private readonly calendar: WorkingCalendar) {}

  async applyBatch(events: readonly EventEnvelope[], manager: EntityManager): Promise<void> {
    const plans = new Map<string, ItemPlan>();
    const transitions: Transitioned['payload'][] = [];
    for (const event of events as readonly ItemEvent[]) {
      const isTransition = 'itemVersion' in event.payload;
      const p = event.payload;
      const version = isTransition ? (p as Transitioned['payload']).itemVersion : 0;
      let plan = plans.get(p.itemId);
      if (!plan) {
        plan = {
          first: event,
          place: event,
          placeVersion: version,
          maxVersion: 0,
          hasTransition: false,
          deadline: null,
          limitDue: null,
        };
        plans.set(p.itemId, plan);
      } else if (version >= plan.maxVersion) {
        plan.place = event;
        plan.placeVersion = version;
      }
      if (isTransition) {
        const t = p as Transitioned['payload'];
        transitions.push(t);
        plan.hasTransition = true;
        plan.maxVersion = Math.max(plan.maxVersion, t.itemVersion);
      } else {
        const d = event as DeadlineChanged;
        const dv = d.payload.deadlineVersion;
        if (!plan.deadline || dv > plan.deadline.payload.deadlineVersion) plan.deadline = d;
        if (d.payload.clock === 'time_limit' && d.payload.active && d.payload.dueAt) {
          if (!plan.limitDue || dv > plan.limitDue.payload.deadlineVersion) plan.limitDue = d;
        }
      }
    }
    if (!plans.size) return;

    if (transitions.length) {
      await manager.query(
        `INSERT INTO item_transitions (item_id, item_version, action, from_state, to_state, effective_at, department_code)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
         ON CONFLICT (item_id, item_version) DO NOTHING`,
        [
          transitions.map((t) => t.itemId),
          transitions.map((t) => t.itemVersion),
          transitions.map((t) => t.action),
          transitions.map((t) => t.from),
          transitions.map((t) => t.to),
          transitions.map((t) => t.effectiveAt),
          transitions.map((t) => t.departmentCode),
        ],
      );
    }

    // Items the batch creates are written whole in their insert (one row version instead of insert, fold,
    // deadline and due-date updates): their history is this batch's transitions. Existing rows are locked
    // first, as the upsert below does, so their histories are read under the lock.
    const ids = [...plans.keys()];
    const existing = new Set(
      (
        (await manager.query(
          `SELECT item_id FROM items WHERE item_id = ANY($1::text[]) ORDER BY item_id FOR UPDATE`,
          [ids],
        )) as Array<{ item_id: string }>
      ).map((r) => r.item_id),
    );
    const created = await this.insertNew(
      manager,
      [...plans.entries()].filter(([id]) => !existing.has(id)),
      transitions,
    );
    const all = [...plans.values()].filter((a) => !created.has(a.first.payload.itemId));
    if (!all.length) return;
    await manager.query(
      `INSERT INTO items AS i (item_id, case_id, project_id, catalog_code, enterprise_id, park_id, county_code, department_code)
       SELECT item_id, case_id, project_id, catalog_code, enterprise_id, park_id, county_code, department_code
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[])
         AS v(item_id, case_id, project_id, catalog_code, enterprise_id, park_id, county_code, department_code, place_version)
       ORDER BY item_id
       ON CONFLICT (item_id) DO UPDATE SET enterprise_id = EXCLUDED.enterprise_id, park_id = EXCLUDED.park_id,
         county_code = EXCLUDED.county_code
       WHERE i.state_version <= (SELECT w.v FROM unnest($1::text[], $9::int[]) AS w(id, v) WHERE w.id = i.item_id)`,
      [
        all.map((a) => a.first.payload.itemId),
        all.map((a) => a.first.payload.caseId),
        all.map((a) => a.first.payload.projectId),
        all.map((a) => a.first.payload.catalogCode),
        all.map((a) => a.place.payload.place.enterpriseId),
        all.map((a) => a.place.payload.place.parkId),
        all.map((a) => a.place.payload.place.countyCode),
        all.map((a) => a.first.payload.departmentCode),
        all.map((a) => a.placeVersion),
      ],
    );

    const folded = all.filter((a) => a.hasTransition).map((a) => a.first.payload.itemId);
    if (folded.length) await this.fold(manager, folded);

    const deadlines = all.flatMap((a) => (a.deadline ? [a.deadline.payload] : []));
    if (deadlines.length) {
      await manager.query(
        `UPDATE items AS i SET deadline_version = d.deadline_version, deadline_clock = d.clock,
           deadline_active = d.active, paused = d.paused, due_date = d.due_date, due_at = d.due_at,
           yellow_at = d.yellow_at, red_at = d.red_at, limit_days = d.limit_days, unit = d.unit,
           provisional = d.provisional, green_channel = d.green_channel, major = d.major
         FROM unnest($1::text[], $2::int[], $3::text[], $4::boolean[], $5::boolean[], $6::date[], $7::timestamptz[],
           $8::timestamptz[], $9::timestamptz[], $10::int[], $11::text[], $12::boolean[], $13::boolean[], $14::boolean[])
           AS d(item_id, deadline_version, clock, active, paused, due_date, due_at, yellow_at, red_at, limit_days, unit,
             provisional, green_channel, major)
         WHERE i.item_id = d.item_id AND i.deadline_version < d.deadline_version`,
        [
          deadlines.map((p) => p.itemId),
          deadlines.map((p) => p.deadlineVersion),
          deadlines.map((p) => p.clock),
          deadlines.map((p) => p.active),
          deadlines.map((p) => p.paused),
          deadlines.map((p) => p.dueDate),
          deadlines.map((p) => p.dueAt),
          deadlines.map((p) => p.yellowAt?.at ?? null),
          deadlines.map((p) => p.redAt?.at ?? null),
          deadlines.map((p) => p.limit),
          deadlines.map((p) => p.unit),
          deadlines.map((p) => p.provisional),
          deadlines.map((p) => p.greenChannel),
          deadlines.map((p) => p.major),
        ],
      );
    }
    const limits = all.flatMap((a) => (a.limitDue ? [a.limitDue.payload] : []));
    if (limits.length) {
      await manager.query(
        `UPDATE items AS i SET limit_due_at = d.due_at, limit_due_version = d.version
         FROM unnest($1::text[], $2::timestamptz[], $3::int[]) AS d(item_id, due_at, version)
         WHERE i.item_id = d.item_id AND i.limit_due_version < d.version`,
        [limits.map((p) => p.itemId), limits.map((p) => p.dueAt), limits.map((p) => p.deadlineVersion)],
      );
    }
  }

  /** Inserts the items no row exists for, whole; returns the ids inserted (a concurrent writer may have won). */
  private async insertNew(
    manager: EntityManager,
    plans: ReadonlyArray<[string, ItemPlan]>,
    transitions: readonly Transitioned['payload'][],
  ): Promise<Set<string>> {
    if (!plans.length) return new Set();
    const histories = new Map<string, Map<number, ItemTransitionRow>>();
    for (const t of transitions) {
      const history = histories.get(t.itemId) ?? new Map<number, ItemTransitionRow>();
      // item_transitions keeps the first row of a version (ON CONFLICT DO NOTHING); so does this history.
      if (!history.has(t.itemVersion))
        history.set(t.itemVersion, {
          itemVersion: t.itemVersion,
          action: t.action,
          to: t.to,
          effectiveAt: new Date(t.effectiveAt),
          departmentCode: t.departmentCode,
        });
      histories.set(t.itemId, history);
    }
    const rows = plans.map(([id, plan]) => {
      const history = histories.get(id);
      const fold = history ? foldItem(this.calendar, [...history.values()]) : null;
      // The guards of the updates (version < new) against a new row's zero versions.
      const d = plan.deadline && plan.deadline.payload.deadlineVersion > 0 ? plan.deadline.payload : null;
      const limit = plan.limitDue && plan.limitDue.payload.deadlineVersion > 0 ? plan.limitDue.payload : null;
      return { id, first: plan.first.payload, place: plan.place.payload.place, fold, d, limit };
    });
    const inserted: Array<{ item_id: string }> = await manager.query(
      `INSERT INTO items (item_id, case_id, project_id, catalog_code, enterprise_id, park_id, county_code,
         department_code, state, state_version, submitted_at, accepted_at, decided_at, decision, correction_rounds,
         working_days_used, deadline_version, deadline_clock, deadline_active, paused, due_date, due_at, yellow_at,
         red_at, limit_days, unit, provisional, green_channel, major, limit_due_at, limit_due_version)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::text[], $9::text[], $10::int[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[], $14::text[],
         $15::int[], $16::int[], $17::int[], $18::text[], $19::boolean[], $20::boolean[], $21::date[],
         $22::timestamptz[], $23::timestamptz[], $24::timestamptz[], $25::int[], $26::text[], $27::boolean[],
         $28::boolean[], $29::boolean[], $30::timestamptz[], $31::int[])
       ORDER BY 1
       ON CONFLICT (item_id) DO NOTHING
       RETURNING item_id`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.first.caseId),
        rows.map((r) => r.first.projectId),
        rows.map((r) => r.first.catalogCode),
        rows.map((r) => r.place.enterpriseId),
        rows.map((r) => r.place.parkId),
        rows.map((r) => r.place.countyCode),
        rows.map((r) => r.fold?.departmentCode ?? r.first.departmentCode),
        rows.map((r) => r.fold?.state ?? 'not_started'),
        rows.map((r) => r.fold?.stateVersion ?? 0),
        rows.map((r) => r.fold?.submittedAt ?? null),
        rows.map((r) => r.fold?.acceptedAt ?? null),
        rows.map((r) => r.fold?.decidedAt ?? null),
        rows.map((r) => r.fold?.decision ?? null),
        rows.map((r) => r.fold?.correctionRounds ?? 0),
        rows.map((r) => r.fold?.workingDaysUsed ?? null),
        rows.map((r) => r.d?.deadlineVersion ?? 0),
        rows.map((r) => r.d?.clock ?? null),
        rows.map((r) => r.d?.active ?? false),
        rows.map((r) => r.d?.paused ?? false),
        rows.map((r) => r.d?.dueDate ?? null),
        rows.map((r) => r.d?.dueAt ?? null),
        rows.map((r) => r.d?.yellowAt?.at ?? null),
        rows.map((r) => r.d?.redAt?.at ?? null),
        rows.map((r) => r.d?.limit ?? null),
        rows.map((r) => r.d?.unit ?? null),
        rows.map((r) => r.d?.provisional ?? false),
        rows.map((r) => r.d?.greenChannel ?? false),
        rows.map((r) => r.d?.major ?? false),
        rows.map((r) => r.limit?.dueAt ?? null),
        rows.map((r) => r.limit?.deadlineVersion ?? 0),
      ],
    );
    return new Set(inserted.map((r) => r.item_id));
  }

  private async fold(manager: EntityManager, itemIds: readonly string[]): Promise<void> {
    const rows: Array<ItemTransitionRecord & { item_id: string }> = await manager.query(
      `SELECT item_id, ${ITEM_TRANSITION_COLUMNS} FROM item_transitions WHERE item_id = ANY($1::text[])`,
      [itemIds],
    );
    const histories = new Map<string, ItemTransitionRow[]>();
    for (const r of rows) {
      const history = histories.get(r.item_id) ?? [];
      history.push(transitionOf(r));
      histories.set(r.item_id, history);
    }
    const ids = [...histories.keys()];
    const folds = [...histories.values()].map((history) => foldItem(this.calendar, history));
    await manager.query(
      `UPDATE items AS i SET state = f.state, state_version = f.state_version, department_code = f.department_code,
         submitted_at = f.submitted_at, accepted_at = f.accepted_at, decided_at = f.decided_at, decision = f.decision,
         correction_rounds = f.correction_rounds, working_days_used = f.working_days_used
       FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::timestamptz[], $6::timestamptz[],
         $7::timestamptz[], $8::text[], $9::int[], $10::int[])
         AS f(item_id, state, state_version, department_code, submitted_at, accepted_at, decided_at, decision,
           correction_rounds, working_days_used)
       WHERE i.item_id = f.item_id`,
      [
        ids,
        folds.map((f) => f.state),
        folds.map((f) => f.stateVersion),
        folds.map((f) => f.departmentCode),
        folds.map((f) => f.submittedAt),
        folds.map((f) => f.acceptedAt),
        folds.map((f) => f.decidedAt),
        folds.map((f) => f.decision),
        folds.map((f) => f.correctionRounds),
        folds.map((f) => f.workingDaysUsed),
      ],
    );
  }
}
