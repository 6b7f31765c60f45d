import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  supervisionOrderClosed,
  supervisionOrderFeedbackSubmitted,
  supervisionOrderIssued,
  supervisionOrderReturned,
  supervisionOrderReviewed,
  supervisionOrderSigned,
  type EnvelopeOf,
  type SupervisionOrderEventPayload,
} from '@daiban/contracts';
import { OnEvent } from '@daiban/messaging';
import { SupervisionOrdersProjection } from './supervision-orders.projection';

type OrderEnvelope = EnvelopeOf<typeof supervisionOrderIssued>;

/** Side deadlines (承诺, 补正) belong to an item, so their 督办单 show on that item too. */
const ITEM_SUBJECTS = new Set(['item', 'commitment', 'deficiency']);
/** The column is numeric so the briefing can sort by it: the higher the issuer, the higher the level. */
const ISSUER_LEVELS = { park: 1, county: 2, city: 3 } as const;

/**
 * The NOTIFICATIONS stream's 督办单 events into `supervision_orders`. Each event carries the whole order
 * with its version, so every one maps to the same snapshot and the projection's version guard makes
 * delivery order irrelevant. The events name their subject, not the project: the project is looked up
 * in reporting's own items and requests, and every later event of the order looks it up again.
 */
@Injectable()
export class NotificationsProjection {
  constructor(private readonly orders: SupervisionOrdersProjection) {}

  @OnEvent(supervisionOrderIssued)
  onIssued(event: OrderEnvelope, manager: EntityManager) {
    return this.apply(event, manager);
  }

  @OnEvent(supervisionOrderSigned)
  onSigned(event: OrderEnvelope, manager: EntityManager) {
    return this.apply(event, manager);
  }

  @OnEvent(supervisionOrderFeedbackSubmitted)
  onFeedback(event: OrderEnvelope, manager: EntityManager) {
    return this.apply(event, manager);
  }

  @OnEvent(supervisionOrderReviewed)
  onReviewed(event: OrderEnvelope, manager: EntityManager) {
    return this.apply(event, manager);
  }

  @OnEvent(supervisionOrderReturned)
  onReturned(event: OrderEnvelope, manager: EntityManager) {
    return this.apply(event, manager);
  }

  @OnEvent(supervisionOrderClosed)
  onClosed(event: OrderEnvelope, manager: EntityManager) {
    return this.apply(event, manager);
  }

  private async apply(event: OrderEnvelope, manager: EntityManager): Promise<void> {
    const p: SupervisionOrderEventPayload = event.payload;
    const itemId = ITEM_SUBJECTS.has(p.subjectKind) ? p.subjectId : null;
    await this.orders.apply(manager, {
      orderId: p.orderId,
      itemId,
      projectId: await this.projectOf(manager, p, itemId),
      place: p.place,
      departmentCode: p.toDepartmentCode,
      level: ISSUER_LEVELS[p.issuerLevel],
      state: p.status,
      issuedAt: event.type === supervisionOrderIssued.type ? event.occurredAt : null,
      // The events do not carry the feedback deadline; the briefing shows it empty rather than guessed.
      feedbackDueAt: null,
      closedAt: p.status === 'closed' ? event.occurredAt : null,
      version: p.version,
    });
    // Only the issued event knows the issue time; it may arrive after a newer version, which the guard skips.
    if (event.type === supervisionOrderIssued.type)
      await manager.query(
        `UPDATE supervision_orders SET issued_at = $2 WHERE order_id = $1 AND issued_at IS NULL`,
        [p.orderId, event.occurredAt],
      );
  }

  /** '' while the subject has not reached reporting yet (another stream); the order still counts by place. */
  private async projectOf(
    manager: EntityManager,
    p: SupervisionOrderEventPayload,
    itemId: string | null,
  ): Promise<string> {
    const [row]: Array<{ project_id: string }> = itemId
      ? await manager.query(`SELECT project_id FROM items WHERE item_id = $1`, [itemId])
      : p.subjectKind === 'request'
        ? await manager.query(`SELECT project_id FROM requests WHERE request_id = $1`, [p.subjectId])
        : [];
    return row?.project_id ?? '';
  }
}
