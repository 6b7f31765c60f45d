import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DomainError,
  milestoneRecorded,
  type Caller,
  type RpcRequest,
  type recordMilestone,
} from '@daiban/contracts';
import { Clock, shanghaiDateOf } from '@daiban/calendar';
import { OutboxWriter } from '@daiban/messaging';
import { ProjectsService } from '../projects/projects.service';
import { MSG } from '../registry.messages';
import { PROJECT_WRITERS, actorOf, assertRoleOrForbidden } from '../shared/access.util';
import { deriveStatus, milestoneOrderProblem } from './milestone-order.util';
import { MilestonesRepository } from './milestones.repository';

@Injectable()
export class MilestonesService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: MilestonesRepository,
    private readonly projects: ProjectsService,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, projectId: string) {
    await this.projects.findVisible(this.db.manager, caller, projectId);
    return { items: await this.repo.listAll(this.db.manager, projectId) };
  }

  async record(caller: Caller, data: RpcRequest<typeof recordMilestone>) {
    const now = this.clock.now();
    return this.db.transaction(async (manager) => {
      // The project row lock serialises milestone writes per project, so two records cannot both pass the rules.
      const project = await this.projects.findVisible(manager, caller, data.projectId, true);
      assertRoleOrForbidden(caller, PROJECT_WRITERS);
      if (data.date > shanghaiDateOf(now)) {
        throw new DomainError('VALIDATION_FAILED', MSG.milestoneInFuture, [
          { field: 'date', message: MSG.milestoneInFuture },
        ]);
      }
      let active = await this.repo.listActive(manager, project.id);
      if (data.supersedesId) {
        const old = active.find((m) => m.id === data.supersedesId);
        if (!old) throw new DomainError('NOT_FOUND', MSG.milestoneToCorrectNotFound);
        if (old.type !== data.type) {
          throw new DomainError('VALIDATION_FAILED', MSG.milestoneTypeMismatch, [
            { field: 'type', message: MSG.milestoneTypeMismatch },
          ]);
        }
        active = active.filter((m) => m.id !== old.id);
      } else if (active.some((m) => m.type === data.type)) {
        throw new DomainError('DUPLICATE', MSG.milestoneDuplicate, [
          { field: 'type', message: MSG.milestoneDuplicate },
        ]);
      }
      if (project.stage === 'pipeline' && data.type !== 'signed') {
        throw new DomainError('ILLEGAL_TRANSITION', MSG.pipelineNeedsSigning);
      }
      const problem = milestoneOrderProblem({ type: data.type, date: data.date }, active);
      if (problem) throw new DomainError('VALIDATION_FAILED', problem, [{ field: 'date', message: problem }]);

      if (data.supersedesId) await this.repo.deactivate(manager, data.supersedesId);
      const milestone = await this.repo.insert(manager, {
        id: randomUUID(),
        projectId: project.id,
        type: data.type,
        date: data.date,
        evidence: data.evidence,
        supersedesId: data.supersedesId ?? null,
        reason: data.reason ?? null,
        recordedBy: caller.userId,
        recordedAt: now,
      });
      const types = new Set([...active.map((m) => m.type), data.type]);
      const status = deriveStatus(project.status, types);
      const stage = types.has('signed') ? 'signed' : project.stage;
      // TypeORM answers UPDATE … RETURNING with [rows, count], not rows (the version was read as undefined).
      const [rows]: [Array<{ version: number }>, number] = await manager.query(
        `UPDATE projects SET status = $2, stage = $3, version = version + 1, updated_at = $4 WHERE id = $1
         RETURNING version`,
        [project.id, status, stage, now],
      );
      const { version } = rows[0];
      await this.outbox.append(manager, milestoneRecorded, {
        aggregateId: project.id,
        aggregateVersion: version,
        actor: actorOf(caller),
        payload: {
          projectId: project.id,
          milestoneId: milestone.id,
          type: milestone.type,
          date: milestone.date,
          supersedesId: milestone.supersedesId,
          enterpriseId: project.enterprise_id,
          parkId: project.park_id,
          countyCode: project.county_code,
          projectStatus: status,
        },
      });
      return { milestone, projectStatus: status, projectStage: stage, projectVersion: version };
    });
  }
}
