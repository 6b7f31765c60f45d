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

/** Inserts and reads only: the table refuses UPDATE and DELETE (see the migration). */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).query(
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
