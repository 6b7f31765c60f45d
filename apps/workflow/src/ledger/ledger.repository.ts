import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LedgerEntry } from '@daiban/contracts';

export interface NewLedgerEntry {
  caseId: string;
  itemId: string | null;
  subject: 'case' | 'item';
  action: string;
  from: string | null;
  to: string | null;
  actorUserId: string | null;
  actorRole: string;
  effectiveAt: Date;
  recordedAt: Date;
  fields: Record<string, unknown>;
  note: string | null;
}

/** 台账: append-only; every case and item transition writes one entry in the transaction that makes it. */
@Injectable()
export class LedgerRepository {
  async append(manager: EntityManager, entry: NewLedgerEntry): Promise<void> {
    await manager.query(
      `INSERT INTO ledger_entries (id, case_id, item_id, subject, action, from_state, to_state, actor_user_id,
         actor_role, effective_at, recorded_at, fields, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        randomUUID(),
        entry.caseId,
        entry.itemId,
        entry.subject,
        entry.action,
        entry.from,
        entry.to,
        entry.actorUserId,
        entry.actorRole,
        entry.effectiveAt,
        entry.recordedAt,
        JSON.stringify(entry.fields),
        entry.note,
      ],
    );
  }

  /** A department officer passes its department code and sees only its items' entries. */
  async list(manager: EntityManager, caseId: string, departmentCode: string | null): Promise<LedgerEntry[]> {
    const rows: Array<LedgerEntry & { effectiveAt: Date; recordedAt: Date }> = await manager.query(
      `SELECT l.id, l.case_id AS "caseId", l.item_id AS "itemId", i.catalog->>'name' AS "itemName", l.subject,
         l.action, l.from_state AS "from", l.to_state AS "to", l.actor_user_id AS "actorUserId",
         l.actor_role AS "actorRole", l.effective_at AS "effectiveAt", l.recorded_at AS "recordedAt", l.fields, l.note
       FROM ledger_entries l LEFT JOIN items i ON i.id = l.item_id
       WHERE l.case_id = $1 AND ($2::text IS NULL OR i.department_code = $2)
       ORDER BY l.effective_at, l.seq`,
      [caseId, departmentCode],
    );
    return rows.map((row) => ({
      ...row,
      effectiveAt: new Date(row.effectiveAt).toISOString(),
      recordedAt: new Date(row.recordedAt).toISOString(),
    }));
  }
}
