import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

@Injectable()
export class TaskForcesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async leadOf(projectId: string, m?: EntityManager): Promise<string | null> {
    const rows: Array<{ lead: string | null }> = await (m ?? this.db).query(
      `SELECT lead_user_id AS lead FROM project_task_forces WHERE project_id = $1`,
      [projectId],
    );
    return rows[0]?.lead ?? null;
  }
}
