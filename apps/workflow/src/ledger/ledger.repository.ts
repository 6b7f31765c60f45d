import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LedgerEntry } from '@daiban/contracts';

export interface NewLedgerEntry {
  caseId: string | null;
  itemId: string | null;
  requestId?: string | null;
  attachmentId?: string | null;
  projectId?: string | null;
  subject: 'case' | 'item' | 'request' | 'attachment';
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

/** The entries as the one jsonb parameter `ledgerInsertFrom` reads. */
export function ledgerRowsJson(entries: readonly NewLedgerEntry[]): string {
  return JSON.stringify(
    entries.map((entry) => ({
      id: randomUUID(),
      case_id: entry.caseId,
      item_id: entry.itemId,
      request_id: entry.requestId ?? null,
      attachment_id: entry.attachmentId ?? null,
      project_id: entry.projectId ?? null,
      subject: entry.subject,
      action: entry.action,
      from_state: entry.from,
      to_state: entry.to,
      actor_user_id: entry.actorUserId,
      actor_role: entry.actorRole,
      effective_at: entry.effectiveAt,
      recorded_at: entry.recordedAt,
      fields: entry.fields,
      note: entry.note,
    })),
  );
}

/**
 * The INSERT of entries given as `ledgerRowsJson` in the parameter `param`; also a data-modifying CTE of a
 * live action's one write statement (item-writes.ts). WITH ORDINALITY keeps seq in the order the actions
 * were taken.
 */
export function ledgerInsertFrom(param: string): string {
  return `INSERT INTO ledger_entries (id, case_id, item_id, request_id, attachment_id, project_id, subject, action,
         from_state, to_state, actor_user_id, actor_role, effective_at, recorded_at, fields, note)
       SELECT r->>'id', r->>'case_id', r->>'item_id', r->>'request_id', r->>'attachment_id', r->>'project_id',
         r->>'subject', r->>'action', r->>'from_state', r->>'to_state', r->>'actor_user_id', r->>'actor_role',
         (r->>'effective_at')::timestamptz, (r->>'recorded_at')::timestamptz, r->'fields', r->>'note'
       FROM jsonb_array_elements(${param}::jsonb) WITH ORDINALITY AS e(r, ord)
       ORDER BY ord`;
}

/** 台账: append-only; every case and item transition writes one entry in the transaction that makes it. */
@Injectable()
export class LedgerRepository {
  async append(manager: EntityManager, entry: NewLedgerEntry): Promise<void> {
    await this.appendMany(manager, [entry]);
  }

  /** One statement for many entries (history import writes thousands in one transaction). */
  async appendMany(manager: EntityManager, entries: readonly NewLedgerEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(ledgerInsertFrom('$1'), [ledgerRowsJson(entries)]);
  }

  /** A department officer passes its department code and sees only its items' entries. */
  async list(manager: EntityManager, caseId: string, departmentCode: string | null): Promise<LedgerEntry[]> {
    const rows: Array<LedgerEntry & { effectiveAt: Date; recordedAt: Date }> = await manager.query(
      `SELECT l.id, l.case_id AS "caseId", l.item_id AS "itemId", l.request_id AS "requestId",
         l.attachment_id AS "attachmentId", i.catalog->>'name' AS "itemName", l.subject,
         l.action, l.from_state AS "from", l.to_state AS "to", l.actor_user_id AS "actorUserId",
         l.actor_role AS "actorRole", l.effective_at AS "effectiveAt", l.recorded_at AS "recordedAt", l.fields, l.note
       FROM ledger_entries l LEFT JOIN items i ON i.id = l.item_id
       WHERE l.case_id = $1 AND ($2::text IS NULL OR i.department_code = $2)
       ORDER BY l.effective_at, l.seq`,
      [caseId, departmentCode],
    );
    return this.toEntries(rows);
  }

  async byRequest(manager: EntityManager, requestId: string): Promise<LedgerEntry[]> {
    const rows: Array<LedgerEntry & { effectiveAt: Date; recordedAt: Date }> = await manager.query(
      `SELECT l.id, l.case_id AS "caseId", l.item_id AS "itemId", l.request_id AS "requestId",
         l.attachment_id AS "attachmentId", NULL AS "itemName", l.subject, l.action, l.from_state AS "from",
         l.to_state AS "to", l.actor_user_id AS "actorUserId", l.actor_role AS "actorRole",
         l.effective_at AS "effectiveAt", l.recorded_at AS "recordedAt", l.fields, l.note
       FROM ledger_entries l WHERE l.request_id = $1 ORDER BY l.effective_at, l.seq`,
      [requestId],
    );
    return this.toEntries(rows);
  }

  private toEntries(rows: Array<LedgerEntry & { effectiveAt: Date; recordedAt: Date }>): LedgerEntry[] {
    return rows.map((row) => ({
      ...row,
      effectiveAt: new Date(row.effectiveAt).toISOString(),
      recordedAt: new Date(row.recordedAt).toISOString(),
    }));
  }
}
