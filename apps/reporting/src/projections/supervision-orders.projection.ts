import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Place } from '@daiban/contracts';

export const SUPERVISION_ORDER_STATES = ['issued', 'signed', 'feedback', 'reviewed', 'closed'] as const;

/**
 * What a 督办单 event must tell reporting. The notifications service owns the orders; its events do not
 * exist yet, so this is the seam: when they land, add `@OnEvent` methods that map each event to a snapshot
 * and call `apply`, and add a `reporting-notifications` consumer on the NOTIFICATIONS stream in
 * libs/contracts/src/consumers.ts. Events should carry the whole order (like project snapshots) with the
 * order's version; the read model then needs nothing else.
 */
export interface SupervisionOrderSnapshot {
  orderId: string;
  itemId: string | null;
  projectId: string;
  place: Place;
  departmentCode: string | null;
  /** Escalation rung that issued it (DOMAIN.md ladder), when known. */
  level: number | null;
  state: (typeof SUPERVISION_ORDER_STATES)[number];
  issuedAt: string | null;
  feedbackDueAt: string | null;
  closedAt: string | null;
  version: number;
}

@Injectable()
export class SupervisionOrdersProjection {
  async apply(manager: EntityManager, s: SupervisionOrderSnapshot): Promise<void> {
    await manager.query(
      `INSERT INTO supervision_orders (order_id, item_id, project_id, enterprise_id, park_id, county_code,
         department_code, level, state, issued_at, feedback_due_at, closed_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (order_id) DO UPDATE SET item_id = EXCLUDED.item_id, project_id = EXCLUDED.project_id,
         enterprise_id = EXCLUDED.enterprise_id, park_id = EXCLUDED.park_id, county_code = EXCLUDED.county_code,
         department_code = EXCLUDED.department_code, level = EXCLUDED.level, state = EXCLUDED.state,
         issued_at = EXCLUDED.issued_at, feedback_due_at = EXCLUDED.feedback_due_at,
         closed_at = EXCLUDED.closed_at, version = EXCLUDED.version
       WHERE supervision_orders.version < EXCLUDED.version`,
      [
        s.orderId,
        s.itemId,
        s.projectId,
        s.place.enterpriseId,
        s.place.parkId,
        s.place.countyCode,
        s.departmentCode,
        s.level,
        s.state,
        s.issuedAt,
        s.feedbackDueAt,
        s.closedAt,
        s.version,
      ],
    );
  }
}
