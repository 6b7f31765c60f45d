import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SealRegisterEntry } from '@daiban/contracts';

export type NewSealEntry = Omit<SealRegisterEntry, 'id' | 'recordedAt'> & {
  countyCode: string;
  recordedAt: Date;
};

/** 2号章 usage register: one row per result issued with the park's seal. */
@Injectable()
export class SealRegisterRepository {
  async append(manager: EntityManager, entry: NewSealEntry): Promise<void> {
    await manager.query(
      `INSERT INTO seal_register (id, park_id, issued_on, item_id, item_name, department_code, case_id, project_id,
         project_name, county_code, result_doc_no, handler_user_id, approver, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        randomUUID(),
        entry.parkId,
        entry.issuedOn,
        entry.itemId,
        entry.itemName,
        entry.departmentCode,
        entry.caseId,
        entry.projectId,
        entry.projectName,
        entry.countyCode,
        entry.resultDocNo,
        entry.handlerUserId,
        entry.approver,
        entry.recordedAt,
      ],
    );
  }

  async list(
    manager: EntityManager,
    filter: { parkId: string; from?: string; to?: string; scopeSql: string; scopeParams: unknown[] },
  ): Promise<SealRegisterEntry[]> {
    const rows: Array<SealRegisterEntry & { recordedAt: Date }> = await manager.query(
      `SELECT id, park_id AS "parkId", issued_on::text AS "issuedOn", item_id AS "itemId", item_name AS "itemName",
         department_code AS "departmentCode", case_id AS "caseId", project_id AS "projectId",
         project_name AS "projectName", result_doc_no AS "resultDocNo", handler_user_id AS "handlerUserId",
         approver, recorded_at AS "recordedAt"
       FROM seal_register
       WHERE park_id = $1 AND ($2::date IS NULL OR issued_on >= $2) AND ($3::date IS NULL OR issued_on <= $3)
         AND ${filter.scopeSql}
       ORDER BY issued_on, recorded_at`,
      [filter.parkId, filter.from ?? null, filter.to ?? null, ...filter.scopeParams],
    );
    return rows.map((row) => ({ ...row, recordedAt: new Date(row.recordedAt).toISOString() }));
  }
}
