import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AttachmentKind } from './attachments.repository';

/** Links project-level attachments to the request that cites them; used by requests/ without a cycle. */
@Injectable()
export class AttachmentLinks {
  /** False unless every id is an attachment of `projectId` not yet claimed by another request. */
  async claimForRequest(
    manager: EntityManager,
    projectId: string,
    attachmentIds: readonly string[],
    requestId: string,
  ): Promise<boolean> {
    const ids = [...new Set(attachmentIds)];
    if (ids.length === 0) return true;
    const kind: AttachmentKind = 'request';
    // TypeORM answers UPDATE … RETURNING with [rows, affectedCount].
    const [rows]: [Array<{ id: string }>, number] = await manager.query(
      `UPDATE attachments SET request_id = $3, kind = CASE WHEN kind = 'other' THEN $4 ELSE kind END
       WHERE id = ANY($1) AND project_id = $2 AND request_id IS NULL AND case_id IS NULL AND item_id IS NULL
       RETURNING id`,
      [ids, projectId, requestId, kind],
    );
    return rows.length === ids.length;
  }
}
