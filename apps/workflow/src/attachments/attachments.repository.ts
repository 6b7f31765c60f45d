import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { scopeCondition } from '@daiban/auth';
import type { AttachmentView, Scope } from '@daiban/contracts';

export type AttachmentKind = AttachmentView['kind'];

export interface AttachmentRow extends AttachmentView {
  enterpriseId: string;
  parkId: string;
  countyCode: string;
  departmentCode: string | null;
}

const COLUMNS = `a.id, a.project_id AS "projectId", a.case_id AS "caseId", a.item_id AS "itemId",
  a.request_id AS "requestId", a.kind, a.filename, b.content_type AS "contentType", b.size::int AS size, a.sha256,
  a.uploaded_by AS "uploadedBy", a.uploaded_at AS "uploadedAt", a.enterprise_id AS "enterpriseId",
  a.park_id AS "parkId", a.county_code AS "countyCode", a.department_code AS "departmentCode"`;

@Injectable()
export class AttachmentsRepository {
  /** Records the blob once per SHA-256; a second upload of the same bytes finds it. */
  async upsertBlob(manager: EntityManager, sha256: string, size: number, contentType: string): Promise<void> {
    await manager.query(
      `INSERT INTO blobs (sha256, size, content_type) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING`,
      [sha256, size, contentType],
    );
  }

  async insert(
    manager: EntityManager,
    row: Omit<AttachmentRow, 'contentType' | 'size' | 'uploadedAt'> & {
      uploadedAt: Date;
      uploadedRole: string;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO attachments (id, sha256, kind, filename, project_id, case_id, item_id, request_id, enterprise_id,
         park_id, county_code, department_code, uploaded_by, uploaded_role, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        row.id,
        row.sha256,
        row.kind,
        row.filename,
        row.projectId,
        row.caseId,
        row.itemId,
        row.requestId,
        row.enterpriseId,
        row.parkId,
        row.countyCode,
        row.departmentCode,
        row.uploadedBy,
        row.uploadedRole,
        row.uploadedAt,
      ],
    );
  }

  async get(manager: EntityManager, id: string): Promise<AttachmentRow | null> {
    const rows: AttachmentRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM attachments a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The same bytes already attached to the same target with the same kind: a retried upload. */
  async findSame(
    manager: EntityManager,
    where: { sha256: string; kind: string; projectId: string; caseId: string | null; itemId: string | null },
  ): Promise<AttachmentRow | null> {
    const rows: AttachmentRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM attachments a JOIN blobs b ON b.sha256 = a.sha256
       WHERE a.sha256 = $1 AND a.kind = $2 AND a.project_id = $3 AND a.case_id IS NOT DISTINCT FROM $4
         AND a.item_id IS NOT DISTINCT FROM $5 AND a.request_id IS NULL`,
      [where.sha256, where.kind, where.projectId, where.caseId, where.itemId],
    );
    return rows[0] ?? null;
  }

  async list(
    manager: EntityManager,
    scope: Scope,
    target: { column: 'project_id' | 'case_id' | 'item_id'; id: string },
  ): Promise<AttachmentRow[]> {
    const condition = scopeCondition(
      scope,
      {
        enterpriseId: 'a.enterprise_id',
        parkId: 'a.park_id',
        countyCode: 'a.county_code',
        departmentCode: 'a.department_code',
      },
      2,
    );
    return manager.query(
      `SELECT ${COLUMNS} FROM attachments a JOIN blobs b ON b.sha256 = a.sha256
       WHERE a.${target.column} = $1 AND (${condition.sql}) ORDER BY a.uploaded_at, a.id`,
      [target.id, ...condition.params],
    );
  }
}
