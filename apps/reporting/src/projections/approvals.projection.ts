import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WorkingCalendar } from '@daiban/calendar';
import {
  caseAgentAssigned,
  caseAgreementSigned,
  caseClosed,
  caseHandedOver,
  caseOpened,
  caseResumed,
  caseSuspended,
  caseTerminated,
  commitmentDeadlineCleared,
  commitmentDeadlineSet,
  deficiencyDeadlineCleared,
  deficiencyDeadlineSet,
  itemDeadlineChanged,
  itemTransitioned,
  requestAnswered,
  requestClosed,
  requestRaised,
  requestRouted,
  type EnvelopeOf,
  type EventEnvelope,
  type Place,
} from '@daiban/contracts';
import { OnEvent, OnEvents } from '@daiban/messaging';
import { foldCase, type CaseEventKind, type CaseEventRow } from './case-fold.util';
import { ensureItemRow } from './item-fold.util';
import { ItemReplayProjection } from './item-replay.projection';

interface CaseRef {
  caseId: string;
  projectId: string;
  place: Place;
}

type SideSet = EnvelopeOf<typeof commitmentDeadlineSet>;
type SideCleared =
  EnvelopeOf<typeof commitmentDeadlineCleared> | EnvelopeOf<typeof deficiencyDeadlineCleared>;

/**
 * The APPROVALS stream into read models. Cases and items keep their event history and fold it; deadlines,
 * side deadlines and requests are guarded per field by the version that set them. Either way a repeated or
 * overtaken event leaves the rows as they were.
 */
@Injectable()
export class ApprovalsProjection {
  private readonly items: ItemReplayProjection;

  constructor(calendar: WorkingCalendar) {
    this.items = new ItemReplayProjection(calendar);
  }

  @OnEvent(caseOpened)
  async onCaseOpened(event: EnvelopeOf<typeof caseOpened>, manager: EntityManager) {
    const p = event.payload;
    await this.caseEvent(manager, event.aggregateVersion, p, 'opened', { state: p.state });
    await manager.query(`UPDATE cases SET opened_by = $2, agency_required = $3 WHERE case_id = $1`, [
      p.caseId,
      p.openedBy,
      p.agencyRequired,
    ]);
  }

  @OnEvent(caseAgreementSigned)
  async onAgreementSigned(event: EnvelopeOf<typeof caseAgreementSigned>, manager: EntityManager) {
    await this.caseEvent(manager, event.aggregateVersion, event.payload, 'agreement_signed');
  }

  @OnEvent(caseAgentAssigned)
  async onAgentAssigned(event: EnvelopeOf<typeof caseAgentAssigned>, manager: EntityManager) {
    await this.caseEvent(manager, event.aggregateVersion, event.payload, 'agent_assigned', {
      agentUserId: event.payload.agentUserId,
    });
  }

  @OnEvent(caseSuspended)
  async onSuspended(event: EnvelopeOf<typeof caseSuspended>, manager: EntityManager) {
    await this.caseEvent(manager, event.aggregateVersion, event.payload, 'suspended');
  }

  @OnEvent(caseResumed)
  async onResumed(event: EnvelopeOf<typeof caseResumed>, manager: EntityManager) {
    await this.caseEvent(manager, event.aggregateVersion, event.payload, 'resumed');
  }

  @OnEvent(caseTerminated)
  async onTerminated(event: EnvelopeOf<typeof caseTerminated>, manager: EntityManager) {
    await this.caseEvent(manager, event.aggregateVersion, event.payload, 'terminated');
  }

  @OnEvent(caseHandedOver)
  async onHandedOver(event: EnvelopeOf<typeof caseHandedOver>, manager: EntityManager) {
    await this.caseEvent(manager, event.aggregateVersion, event.payload, 'handed_over');
  }

  @OnEvent(caseClosed)
  async onClosed(event: EnvelopeOf<typeof caseClosed>, manager: EntityManager) {
    await this.caseEvent(manager, event.aggregateVersion, event.payload, 'closed', {
      rating: event.payload.rating,
    });
  }

  /**
   * Item transitions and deadline changes, set-based per run of the consumer's batch (ItemReplayProjection, the
   * rebuild's form): a handful of statements per run instead of about five per event, so reporting keeps up with
   * the item actions. apps/reporting/test/item-events-one-by-one.ts keeps the one-event form it is tested against.
   */
  @OnEvents(itemTransitioned, itemDeadlineChanged)
  async onItemEvents(events: EventEnvelope[], manager: EntityManager) {
    await this.items.applyBatch(events, manager);
  }

  @OnEvent(commitmentDeadlineSet)
  async onCommitmentSet(event: EnvelopeOf<typeof commitmentDeadlineSet>, manager: EntityManager) {
    await this.sideSet(manager, 'commitment', event);
  }

  @OnEvent(commitmentDeadlineCleared)
  async onCommitmentCleared(event: EnvelopeOf<typeof commitmentDeadlineCleared>, manager: EntityManager) {
    await this.sideCleared(manager, 'commitment', event);
  }

  @OnEvent(deficiencyDeadlineSet)
  async onDeficiencySet(event: EnvelopeOf<typeof deficiencyDeadlineSet>, manager: EntityManager) {
    await this.sideSet(manager, 'deficiency', event);
  }

  @OnEvent(deficiencyDeadlineCleared)
  async onDeficiencyCleared(event: EnvelopeOf<typeof deficiencyDeadlineCleared>, manager: EntityManager) {
    await this.sideCleared(manager, 'deficiency', event);
  }

  @OnEvent(requestRaised)
  async onRequestRaised(event: EnvelopeOf<typeof requestRaised>, manager: EntityManager) {
    const p = event.payload;
    await this.ensureRequest(manager, p);
    await manager.query(
      `UPDATE requests SET category = $2, due_date = $3, due_at = $4, deadline_version = $5
       WHERE request_id = $1 AND deadline_version < $5`,
      [p.requestId, p.category, p.dueDate, p.dueAt, p.deadlineVersion],
    );
    await this.requestState(manager, p.requestId, 'raised', event.aggregateVersion);
  }

  @OnEvent(requestRouted)
  async onRequestRouted(event: EnvelopeOf<typeof requestRouted>, manager: EntityManager) {
    const p = event.payload;
    await this.ensureRequest(manager, p);
    await manager.query(
      `UPDATE requests SET department_code = $2, agent_user_id = $3, route_version = $4
       WHERE request_id = $1 AND route_version < $4`,
      [p.requestId, p.toDepartmentCode, p.toAgentUserId, event.aggregateVersion],
    );
    await this.requestState(manager, p.requestId, 'routed', event.aggregateVersion);
  }

  @OnEvent(requestAnswered)
  async onRequestAnswered(event: EnvelopeOf<typeof requestAnswered>, manager: EntityManager) {
    await this.ensureRequest(manager, event.payload);
    await this.requestState(manager, event.payload.requestId, 'answered', event.aggregateVersion);
  }

  @OnEvent(requestClosed)
  async onRequestClosed(event: EnvelopeOf<typeof requestClosed>, manager: EntityManager) {
    await this.ensureRequest(manager, event.payload);
    await this.requestState(manager, event.payload.requestId, 'closed', event.aggregateVersion);
  }

  private async caseEvent(
    manager: EntityManager,
    version: number,
    ref: CaseRef,
    kind: CaseEventKind,
    fields: { state?: string; agentUserId?: string; rating?: number } = {},
  ): Promise<void> {
    await manager.query(
      `INSERT INTO case_events (case_id, version, kind, state, agent_user_id, rating)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [ref.caseId, version, kind, fields.state ?? null, fields.agentUserId ?? null, fields.rating ?? null],
    );
    const rows: Array<{
      version: number;
      kind: CaseEventKind;
      state: string | null;
      agent_user_id: string | null;
      rating: number | null;
    }> = await manager.query(
      `SELECT version, kind, state, agent_user_id, rating FROM case_events WHERE case_id = $1`,
      [ref.caseId],
    );
    const folded = foldCase(
      rows.map((r): CaseEventRow => ({
        version: r.version,
        kind: r.kind,
        state: r.state,
        agentUserId: r.agent_user_id,
        rating: r.rating,
      })),
    );
    // The place follows the newest event: a project moved to another park carries its case along.
    await manager.query(
      `INSERT INTO cases (case_id, project_id, enterprise_id, park_id, county_code, state, agent_user_id, rating, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (case_id) DO UPDATE SET state = EXCLUDED.state, agent_user_id = EXCLUDED.agent_user_id,
         rating = EXCLUDED.rating, version = EXCLUDED.version,
         enterprise_id = CASE WHEN $10 >= cases.version THEN EXCLUDED.enterprise_id ELSE cases.enterprise_id END,
         park_id = CASE WHEN $10 >= cases.version THEN EXCLUDED.park_id ELSE cases.park_id END,
         county_code = CASE WHEN $10 >= cases.version THEN EXCLUDED.county_code ELSE cases.county_code END`,
      [
        ref.caseId,
        ref.projectId,
        ref.place.enterpriseId,
        ref.place.parkId,
        ref.place.countyCode,
        folded.state,
        folded.agentUserId,
        folded.rating,
        folded.version,
        version,
      ],
    );
  }

  private async sideSet(manager: EntityManager, kind: 'commitment' | 'deficiency', event: SideSet) {
    const p = event.payload;
    await ensureItemRow(manager, p, p.departmentCode, 0);
    await manager.query(
      `INSERT INTO item_side_deadlines (item_id, kind, active, due_date, due_at, yellow_at, red_at, outcome, version)
       VALUES ($1, $2, true, $3, $4, $5, $6, NULL, $7)
       ON CONFLICT (item_id, kind) DO UPDATE SET active = true, due_date = EXCLUDED.due_date,
         due_at = EXCLUDED.due_at, yellow_at = EXCLUDED.yellow_at, red_at = EXCLUDED.red_at, outcome = NULL,
         version = EXCLUDED.version
       WHERE item_side_deadlines.version < EXCLUDED.version`,
      [p.itemId, kind, p.dueDate, p.dueAt, p.yellowAt?.at ?? null, p.redAt.at, event.aggregateVersion],
    );
  }

  private async sideCleared(manager: EntityManager, kind: 'commitment' | 'deficiency', event: SideCleared) {
    const p = event.payload;
    await ensureItemRow(manager, p, p.departmentCode, 0);
    // A clear wins over a set of the same version: both can commit in one item transition.
    await manager.query(
      `INSERT INTO item_side_deadlines (item_id, kind, active, outcome, version) VALUES ($1, $2, false, $3, $4)
       ON CONFLICT (item_id, kind) DO UPDATE SET active = false, outcome = EXCLUDED.outcome, version = EXCLUDED.version
       WHERE item_side_deadlines.version <= EXCLUDED.version`,
      [p.itemId, kind, p.outcome, event.aggregateVersion],
    );
  }

  private async ensureRequest(
    manager: EntityManager,
    ref: { requestId: string; projectId: string; place: Place },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO requests (request_id, project_id, enterprise_id, park_id, county_code, state)
       VALUES ($1, $2, $3, $4, $5, 'raised') ON CONFLICT (request_id) DO NOTHING`,
      [ref.requestId, ref.projectId, ref.place.enterpriseId, ref.place.parkId, ref.place.countyCode],
    );
  }

  private async requestState(manager: EntityManager, requestId: string, state: string, version: number) {
    await manager.query(
      `UPDATE requests SET state = $2, state_version = $3 WHERE request_id = $1 AND state_version < $3`,
      [requestId, state, version],
    );
  }
}
