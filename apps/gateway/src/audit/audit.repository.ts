import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditEntry, AuditRecord, AuditResult } from './audit-entry.entity';

export interface AuditFilter {
  from?: Date;
  to?: Date;
  actorId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  result?: AuditResult;
  /** Keyset paging: rows with an id below this one. */
  before?: string;
  limit: number;
}

interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  result: AuditResult;
  error_code: string | null;
  ip: string | null;
  correlation_id: string | null;
  details: Record<string, unknown> | null;
}

/** Rows one INSERT takes from the queue at most. */
const MAX_BATCH = 256;

interface Waiting {
  entry: AuditEntry;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Inserts and reads only: the table refuses UPDATE and DELETE (see the migration). */
@Injectable()
export class AuditRepository {
  private readonly waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Resolves once the row is committed. Outside a caller's transaction, rows that arrive while the previous
   * INSERT is committing wait for it and are then written together by one INSERT, in arrival order (group
   * commit): under load one statement and one commit serve many requests (bench B2), and an idle gateway
   * writes each row at once as before. A batch that fails is retried row by row, so a bad row fails only
   * its own request.
   */
  insert(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    if (manager) return this.insertMany(manager, [entry]);
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_BATCH);
        try {
          await this.insertMany(
            this.dataSource.manager,
            batch.map((w) => w.entry),
          );
          for (const w of batch) w.resolve();
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          for (const w of batch) {
            await this.insertMany(this.dataSource.manager, [w.entry]).then(w.resolve, w.reject);
          }
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async insertMany(manager: EntityManager, entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 1) {
      const [entry] = entries;
      await manager.query(
        `INSERT INTO audit_log (at, actor_id, actor_role, action, object_type, object_id, result, error_code,
           ip, correlation_id, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          entry.at,
          entry.actorId,
          entry.actorRole,
          entry.action,
          entry.objectType,
          entry.objectId,
          entry.result,
          entry.errorCode,
          entry.ip,
          entry.correlationId,
          entry.details ? JSON.stringify(entry.details) : null,
        ],
      );
      return;
    }
    // One jsonb document, its rows in arrival order (ids follow it). A missing `details` is SQL NULL, as above.
    await manager.query(
      `INSERT INTO audit_log (at, actor_id, actor_role, action, object_type, object_id, result, error_code,
         ip, correlation_id, details)
       SELECT (r->>'at')::timestamptz, r->>'actorId', r->>'actorRole', r->>'action', r->>'objectType',
         r->>'objectId', r->>'result', r->>'errorCode', r->>'ip', r->>'correlationId',
         NULLIF(r->'details', 'null'::jsonb)
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(r, ord)
       ORDER BY ord`,
      [JSON.stringify(entries.map((entry) => ({ ...entry, details: entry.details ?? null })))],
    );
  }

  async search(filter: AuditFilter): Promise<AuditRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.from) add('at >= ?', filter.from);
    if (filter.to) add('at < ?', filter.to);
    if (filter.actorId) add('actor_id = ?', filter.actorId);
    if (filter.action) add('action = ?', filter.action);
    if (filter.objectType) add('object_type = ?', filter.objectType);
    if (filter.objectId) add('object_id = ?', filter.objectId);
    if (filter.result) add('result = ?', filter.result);
    if (filter.before) add('id < ?', filter.before);
    params.push(filter.limit);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({
      id: String(row.id),
      at: row.at,
      actorId: row.actor_id,
      actorRole: row.actor_role,
      action: row.action,
      objectType: row.object_type,
      objectId: row.object_id,
      result: row.result,
      errorCode: row.error_code,
      ip: row.ip,
      correlationId: row.correlation_id,
      details: row.details,
    }));
  }
}
