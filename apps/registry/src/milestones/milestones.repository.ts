import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MilestoneType, MilestoneView } from '@daiban/contracts';

interface MilestoneRow {
  id: string;
  project_id: string;
  type: MilestoneType;
  date: string;
  evidence: string;
  active: boolean;
  supersedes_id: string | null;
  reason: string | null;
  recorded_by: string;
  recorded_at: Date;
}

const SELECT = `SELECT id, project_id, type, date::text AS date, evidence, active, supersedes_id, reason, recorded_by,
  recorded_at FROM milestones`;

const toView = (r: MilestoneRow): MilestoneView => ({
  id: r.id,
  projectId: r.project_id,
  type: r.type,
  date: r.date,
  evidence: r.evidence,
  active: r.active,
  supersedesId: r.supersedes_id,
  reason: r.reason,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at.toISOString(),
});

@Injectable()
export class MilestonesRepository {
  async listActive(manager: EntityManager, projectId: string): Promise<MilestoneView[]> {
    const rows: MilestoneRow[] = await manager.query(
      `${SELECT} WHERE project_id = $1 AND active ORDER BY date, recorded_at`,
      [projectId],
    );
    return rows.map(toView);
  }

  /** The full history, corrections included, in the order they were recorded. */
  async listAll(manager: EntityManager, projectId: string): Promise<MilestoneView[]> {
    const rows: MilestoneRow[] = await manager.query(
      `${SELECT} WHERE project_id = $1 ORDER BY recorded_at, id`,
      [projectId],
    );
    return rows.map(toView);
  }

  async insert(
    manager: EntityManager,
    m: Omit<MilestoneView, 'recordedAt' | 'active'> & { recordedAt: Date },
  ): Promise<MilestoneView> {
    const rows: MilestoneRow[] = await manager.query(
      `INSERT INTO milestones (id, project_id, type, date, evidence, active, supersedes_id, reason, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, true, $6, $7, $8, $9)
       RETURNING id, project_id, type, date::text AS date, evidence, active, supersedes_id, reason, recorded_by, recorded_at`,
      [m.id, m.projectId, m.type, m.date, m.evidence, m.supersedesId, m.reason, m.recordedBy, m.recordedAt],
    );
    return toView(rows[0]);
  }

  async deactivate(manager: EntityManager, milestoneId: string): Promise<void> {
    await manager.query(`UPDATE milestones SET active = false WHERE id = $1`, [milestoneId]);
  }
}
