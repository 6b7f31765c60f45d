import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Place } from '@daiban/contracts';

export const SUPERVISION_ORDER_STATES = ['issued', 'signed', 'feedback', 'reviewed', 'closed'] as const;

/**
 * A 督办单 as reporting keeps it. The notifications service owns the orders; `NotificationsProjection`
 * maps each of its events to this snapshot. A newer event that does not know the issue time or the
 * feedback deadline (null) keeps the stored one.
 */
export interface SupervisionOrderSnapshot {
  orderId: string;
  itemId: string | null;
  projectId: string;
  place: Place;
  departmentCode: string | null;
  /** Who issued it: 1 park, 2 county, 3 city. */
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
         issued_at = COALESCE(EXCLUDED.issued_at, supervision_orders.issued_at),
         feedback_due_at = COALESCE(EXCLUDED.feedback_due_at, supervision_orders.feedback_due_at),
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
