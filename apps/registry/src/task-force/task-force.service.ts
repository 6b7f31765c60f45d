import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DomainError,
  taskForceChanged,
  type Caller,
  type RpcRequest,
  type TaskForceMember,
  type setTaskForce,
} from '@daiban/contracts';
import { Clock } from '@daiban/calendar';
import { OutboxWriter } from '@daiban/messaging';
import { ProjectsService } from '../projects/projects.service';
import { MSG } from '../registry.messages';
import { actorOf, assertRoleOrForbidden } from '../shared/access.util';

interface TaskForceRow {
  id: string;
  project_id: string;
  lead: TaskForceMember;
  members: TaskForceMember[];
  work_group_link: string | null;
  version: number;
  updated_by: string;
  updated_at: Date;
}

const toView = (r: TaskForceRow) => ({
  id: r.id,
  projectId: r.project_id,
  lead: r.lead,
  members: r.members,
  workGroupLink: r.work_group_link,
  version: r.version,
  updatedAt: r.updated_at.toISOString(),
  updatedBy: r.updated_by,
});

const userIdsOf = (members: TaskForceMember[]) => members.flatMap((m) => ('userId' in m ? [m.userId] : []));

/** 一项目、一专班、一工作群: one task force per major project, every version kept. */
@Injectable()
export class TaskForceService {
  constructor(
    private readonly db: DataSource,
    private readonly projects: ProjectsService,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  private async current(manager: EntityManager, projectId: string): Promise<TaskForceRow | null> {
    const rows: TaskForceRow[] = await manager.query(`SELECT * FROM task_forces WHERE project_id = $1`, [
      projectId,
    ]);
    return rows[0] ?? null;
  }

  async get(caller: Caller, projectId: string) {
    await this.projects.findVisible(this.db.manager, caller, projectId);
    const row = await this.current(this.db.manager, projectId);
    const history: Array<{
      version: number;
      lead: TaskForceMember;
      members: TaskForceMember[];
      work_group_link: string | null;
      note: string | null;
      changed_by: string;
      changed_at: Date;
    }> = row
      ? await this.db.query(`SELECT * FROM task_force_changes WHERE task_force_id = $1 ORDER BY version`, [
          row.id,
        ])
      : [];
    return {
      taskForce: row ? toView(row) : null,
      history: history.map((h) => ({
        version: h.version,
        lead: h.lead,
        members: h.members,
        workGroupLink: h.work_group_link,
        note: h.note,
        changedBy: h.changed_by,
        changedAt: h.changed_at.toISOString(),
      })),
    };
  }

  async set(caller: Caller, data: RpcRequest<typeof setTaskForce>) {
    const now = this.clock.now();
    return this.db.transaction(async (manager) => {
      const project = await this.projects.findVisible(manager, caller, data.projectId, true);
      assertRoleOrForbidden(caller, ['center_director'], MSG.taskForceDirectorOnly);
      if (!project.major && !project.task_force_required) {
        throw new DomainError('PRECONDITION_FAILED', MSG.taskForceNeedsMajor);
      }
      const existing = await this.current(manager, project.id);
      const id = existing?.id ?? randomUUID();
      const version = (existing?.version ?? 0) + 1;
      const link = data.workGroupLink ?? null;
      const rows: TaskForceRow[] = await manager.query(
        `INSERT INTO task_forces (id, project_id, lead, members, work_group_link, version, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET lead = $3, members = $4, work_group_link = $5, version = $6, updated_by = $7,
           updated_at = $8
         RETURNING *`,
        [
          id,
          project.id,
          JSON.stringify(data.lead),
          JSON.stringify(data.members),
          link,
          version,
          caller.userId,
          now,
        ],
      );
      await manager.query(
        `INSERT INTO task_force_changes (id, task_force_id, version, lead, members, work_group_link, note, changed_by,
           changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          randomUUID(),
          id,
          version,
          JSON.stringify(data.lead),
          JSON.stringify(data.members),
          link,
          data.note ?? null,
          caller.userId,
          now,
        ],
      );
      await this.outbox.append(manager, taskForceChanged, {
        aggregateId: id,
        aggregateVersion: version,
        actor: actorOf(caller),
        payload: {
          projectId: project.id,
          // Named outsiders stay out of events: events carry ids, never personal data.
          leadUserId: 'userId' in data.lead ? data.lead.userId : null,
          memberUserIds: userIdsOf(data.members),
          enterpriseId: project.enterprise_id,
          parkId: project.park_id,
          countyCode: project.county_code,
        },
      });
      return toView(rows[0]);
    });
  }
}
