import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { scopeCondition } from '@daiban/auth';
import type { Scope, SupervisionOrderStatus, SupervisionOrderView } from '@daiban/contracts';
import type { SupervisionOrder } from './supervision-order.types';

type Row = Record<string, unknown> & { feedback_due_at: Date | null };

const SELECT = `SELECT o.*, d.due_at AS feedback_due_at FROM supervision_orders o
  LEFT JOIN deadlines d ON d.key = 'supervision_feedback.' || o.id::text AND d.status <> 'closed'`;

const toOrder = (r: Row): SupervisionOrder => ({
  id: r.id as string,
  number: r.number as string,
  origin: r.origin as SupervisionOrder['origin'],
  status: r.status as SupervisionOrderStatus,
  version: r.version as number,
  subjectKind: r.subject_kind as SupervisionOrder['subjectKind'],
  subjectId: r.subject_id as string,
  subjectTitle: r.subject_title as string,
  deadlineKey: (r.deadline_key as string | null) ?? null,
  deadlineVersion: (r.deadline_version as number | null) ?? null,
  place: {
    enterpriseId: r.enterprise_id as string,
    parkId: r.park_id as string,
    countyCode: r.county_code as string,
    departmentCodes: r.department_codes as string[],
  },
  toDepartmentCode: r.to_department_code as string,
  issuerLevel: r.issuer_level as SupervisionOrder['issuerLevel'],
  issuedByUserId: (r.issued_by_user_id as string | null) ?? null,
  reason: r.reason as string,
  feedbackDays: r.feedback_days as number,
  feedbackRound: r.feedback_round as number,
  feedback: (r.feedback as string | null) ?? null,
  reviewNote: (r.review_note as string | null) ?? null,
  issuedAt: r.issued_at as Date,
  signedAt: (r.signed_at as Date | null) ?? null,
  feedbackAt: (r.feedback_at as Date | null) ?? null,
  reviewedAt: (r.reviewed_at as Date | null) ?? null,
  closedAt: (r.closed_at as Date | null) ?? null,
  feedbackDueAt: r.feedback_due_at ?? null,
});

export function toOrderView(o: SupervisionOrder): SupervisionOrderView {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: o.id,
    number: o.number,
    origin: o.origin,
    status: o.status,
    version: o.version,
    subject: { kind: o.subjectKind, id: o.subjectId, title: o.subjectTitle },
    deadlineKey: o.deadlineKey,
    place: o.place,
    toDepartmentCode: o.toDepartmentCode,
    issuerLevel: o.issuerLevel,
    issuedByUserId: o.issuedByUserId,
    reason: o.reason,
    feedbackDays: o.feedbackDays,
    feedbackDueAt: iso(o.feedbackDueAt),
    feedback: o.feedback,
    reviewNote: o.reviewNote,
    issuedAt: o.issuedAt.toISOString(),
    signedAt: iso(o.signedAt),
    feedbackAt: iso(o.feedbackAt),
    reviewedAt: iso(o.reviewedAt),
    closedAt: iso(o.closedAt),
  };
}

export interface NewOrder {
  id: string;
  origin: SupervisionOrder['origin'];
  subjectKind: SupervisionOrder['subjectKind'];
  subjectId: string;
  subjectTitle: string;
  deadlineKey: string | null;
  deadlineVersion: number | null;
  place: SupervisionOrder['place'];
  toDepartmentCode: string;
  issuerLevel: SupervisionOrder['issuerLevel'];
  issuedByUserId: string | null;
  reason: string;
  feedbackDays: number;
  issuedAt: Date;
}

@Injectable()
export class SupervisionOrdersRepository {
  /** Null when this deadline version already has its order for this department (a replayed rung). */
  async insert(m: EntityManager, o: NewOrder): Promise<SupervisionOrder | null> {
    const year = o.issuedAt.getUTCFullYear();
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO supervision_orders (id, number, origin, status, version, subject_kind, subject_id, subject_title,
                                       deadline_key, deadline_version, enterprise_id, park_id, county_code,
                                       department_codes, to_department_code, issuer_level, issued_by_user_id,
                                       reason, feedback_days, issued_at)
       VALUES ($1, 'DB' || $2::text || '-' || lpad(nextval('supervision_order_number_seq')::text, 6, '0'),
               $3, 'issued', 1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       ON CONFLICT ON CONSTRAINT supervision_orders_automatic_uq DO NOTHING
       RETURNING id`,
      [
        o.id,
        year,
        o.origin,
        o.subjectKind,
        o.subjectId,
        o.subjectTitle,
        o.deadlineKey,
        o.deadlineVersion,
        o.place.enterpriseId,
        o.place.parkId,
        o.place.countyCode,
        o.place.departmentCodes,
        o.toDepartmentCode,
        o.issuerLevel,
        o.issuedByUserId,
        o.reason,
        o.feedbackDays,
        o.issuedAt,
      ],
    );
    return rows[0] ? this.get(m, rows[0].id) : null;
  }

  async get(m: EntityManager, id: string): Promise<SupervisionOrder | null> {
    const rows: Row[] = await m.query(`${SELECT} WHERE o.id = $1`, [id]);
    return rows[0] ? toOrder(rows[0]) : null;
  }

  async lock(m: EntityManager, id: string): Promise<SupervisionOrder | null> {
    await m.query(`SELECT id FROM supervision_orders WHERE id = $1 FOR UPDATE`, [id]);
    return this.get(m, id);
  }

  async update(m: EntityManager, id: string, set: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(set);
    const assignments = columns.map((c, i) => `${c} = $${i + 2}`).join(', ');
    await m.query(`UPDATE supervision_orders SET ${assignments}, version = version + 1 WHERE id = $1`, [
      id,
      ...columns.map((c) => set[c]),
    ]);
  }

  async list(
    m: EntityManager,
    scope: Scope,
    filter: { status?: SupervisionOrderStatus; limit: number; offset: number },
  ): Promise<{ items: SupervisionOrder[]; total: number }> {
    const condition = scopeCondition(scope, {
      enterpriseId: 'o.enterprise_id',
      parkId: 'o.park_id',
      countyCode: 'o.county_code',
      departmentCode: 'o.to_department_code',
    });
    const n = condition.params.length;
    const where = `${condition.sql} AND ($${n + 1}::text IS NULL OR o.status = $${n + 1})`;
    const params = [...condition.params, filter.status ?? null];
    const rows: Row[] = await m.query(
      `${SELECT} WHERE ${where} ORDER BY o.issued_at DESC, o.id LIMIT $${n + 2} OFFSET $${n + 3}`,
      [...params, filter.limit, filter.offset],
    );
    const [{ total }] = await m.query(
      `SELECT count(*)::int AS total FROM supervision_orders o WHERE ${where}`,
      params,
    );
    return { items: rows.map(toOrder), total };
  }
}
