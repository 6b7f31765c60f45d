import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DomainError,
  INVESTMENT_TIERS,
  centsToWanYuan,
  projectRegistered,
  projectUpdated,
  wanYuanToCents,
  type Caller,
  type ProjectView,
  type RpcRequest,
  type listPipeline,
  type listProjects,
  type registerProject,
  type setServiceTier,
  type updateProject,
} from '@daiban/contracts';
import { Clock } from '@daiban/calendar';
import { OutboxWriter } from '@daiban/messaging';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { MilestonesRepository } from '../milestones/milestones.repository';
import { ParksService } from '../parks/parks.service';
import { MSG } from '../registry.messages';
import {
  PROJECT_READERS,
  PROJECT_WRITERS,
  actorOf,
  assertRoleOrForbidden,
  assertRoleOrNotFound,
  isUniqueViolation,
} from '../shared/access.util';
import { toProjectView, toSnapshot, type ProjectRow } from './project-row.mapper';
import { deriveFlags, type Thresholds } from './project-rules.util';
import { ProjectsRepository } from './projects.repository';

export const REGISTRY_THRESHOLDS = Symbol('REGISTRY_THRESHOLDS');

/** Snapshot field name → column, for the fields a PATCH may change. */
const PATCH_COLUMNS = {
  name: 'name',
  totalInvestment: 'total_investment',
  industryChain: 'industry_chain',
  projectCode: 'project_code',
  greenChannel: 'green_channel',
  major: 'major',
  description: 'description',
  attributes: 'attributes',
  agencyRequired: 'agency_required',
  taskForceRequired: 'task_force_required',
  'plannedDates.signedOn': 'planned_signed_on',
  'plannedDates.landAcquiredOn': 'planned_land_acquired_on',
  'plannedDates.constructionStartOn': 'planned_construction_start_on',
  'plannedDates.productionStartOn': 'planned_production_start_on',
  serviceTier: 'service_tier',
  responsibleUserId: 'responsible_user_id',
  responsibleDepartmentCode: 'responsible_department_code',
} as const;
type PatchField = keyof typeof PATCH_COLUMNS;

@Injectable()
export class ProjectsService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: ProjectsRepository,
    private readonly milestones: MilestonesRepository,
    private readonly enterprises: EnterprisesService,
    private readonly parks: ParksService,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    @Inject(REGISTRY_THRESHOLDS) private readonly thresholds: Thresholds,
  ) {}

  /** The project if the caller may see it; otherwise it does not exist (404, never 403). */
  async findVisible(
    manager: EntityManager,
    caller: Caller,
    projectId: string,
    lock = false,
  ): Promise<ProjectRow> {
    assertRoleOrNotFound(caller, PROJECT_READERS, MSG.projectNotFound);
    const row = await this.repo.findVisible(manager, caller, projectId, lock);
    if (!row) throw new DomainError('NOT_FOUND', MSG.projectNotFound);
    return row;
  }

  async get(caller: Caller, projectId: string) {
    const row = await this.findVisible(this.db.manager, caller, projectId);
    const milestones = await this.milestones.listActive(this.db.manager, projectId);
    return { ...toProjectView(row), milestones };
  }

  async register(caller: Caller, data: RpcRequest<typeof registerProject>): Promise<ProjectView> {
    assertRoleOrForbidden(caller, PROJECT_WRITERS);
    if ((data.greenChannel || data.major) && caller.role !== 'center_director') {
      throw new DomainError('FORBIDDEN', MSG.flagsDirectorOnly);
    }
    const id = randomUUID();
    const now = this.clock.now();
    try {
      return await this.db.transaction(async (manager) => {
        // The enterprise must be one the caller serves; a park user also registers only in its own park.
        await this.enterprises.findVisible(manager, caller, data.enterpriseId);
        if (caller.scope.kind === 'park' && caller.scope.parkId !== data.parkId) {
          throw new DomainError('FORBIDDEN', MSG.projectParkOutsideScope);
        }
        const park = await this.parks.findPark(manager, data.parkId);
        if (!park) {
          throw new DomainError('VALIDATION_FAILED', MSG.parkNotFound, [
            { field: 'parkId', message: MSG.parkNotFound },
          ]);
        }
        if (!park.active) throw new DomainError('PRECONDITION_FAILED', MSG.parkInactive);
        const flags = deriveFlags(data.totalInvestment, this.thresholds);
        await manager.query(
          `INSERT INTO projects (id, version, name, project_code, enterprise_id, park_id, county_code, total_investment,
             industry_chain, stage, status, agency_required, task_force_required, major, green_channel,
             planned_signed_on, planned_land_acquired_on, planned_construction_start_on, planned_production_start_on,
             description, attributes, created_by, created_at, updated_at)
           VALUES ($1, 1, $2, $3, $4, $5, $6, $7::numeric, $8, $9, 'preparing', $10, $11, $12, $13, $14, $15, $16, $17,
             $18, $19, $20, $21, $21)`,
          [
            id,
            data.name,
            data.projectCode ?? null,
            data.enterpriseId,
            park.id,
            park.countyCode,
            data.totalInvestment,
            data.industryChain,
            data.stage,
            flags.agencyRequired,
            flags.taskForceRequired,
            data.major || flags.taskForceRequired,
            data.greenChannel,
            data.plannedDates.signedOn ?? null,
            data.plannedDates.landAcquiredOn ?? null,
            data.plannedDates.constructionStartOn ?? null,
            data.plannedDates.productionStartOn ?? null,
            data.description ?? null,
            JSON.stringify(data.attributes),
            caller.userId,
            now,
          ],
        );
        const row = await this.repo.findById(manager, id);
        await this.outbox.append(manager, projectRegistered, {
          aggregateId: id,
          aggregateVersion: 1,
          actor: actorOf(caller),
          payload: { project: toSnapshot(row) },
        });
        return toProjectView(row);
      });
    } catch (error) {
      throw this.translate(error);
    }
  }

  async update(caller: Caller, data: RpcRequest<typeof updateProject>): Promise<ProjectView> {
    return this.change(caller, data.projectId, data.version, (current) => {
      assertRoleOrForbidden(caller, PROJECT_WRITERS);
      const flagsChanged =
        (data.greenChannel !== undefined && data.greenChannel !== current.green_channel) ||
        (data.major !== undefined && data.major !== current.major);
      if (flagsChanged && caller.role !== 'center_director')
        throw new DomainError('FORBIDDEN', MSG.flagsDirectorOnly);
      const investment = data.totalInvestment ?? current.total_investment;
      const flags = deriveFlags(investment, this.thresholds, {
        agencyRequired: current.agency_required,
        taskForceRequired: current.task_force_required,
      });
      const planned = data.plannedDates ?? {};
      return {
        name: data.name,
        totalInvestment: data.totalInvestment,
        industryChain: data.industryChain,
        projectCode: data.projectCode,
        greenChannel: data.greenChannel,
        major: flags.taskForceRequired ? true : data.major,
        description: data.description,
        attributes: data.attributes,
        agencyRequired: flags.agencyRequired,
        taskForceRequired: flags.taskForceRequired,
        'plannedDates.signedOn': planned.signedOn,
        'plannedDates.landAcquiredOn': planned.landAcquiredOn,
        'plannedDates.constructionStartOn': planned.constructionStartOn,
        'plannedDates.productionStartOn': planned.productionStartOn,
      };
    });
  }

  async setServiceTier(caller: Caller, data: RpcRequest<typeof setServiceTier>): Promise<ProjectView> {
    return this.change(caller, data.projectId, data.version, () => {
      assertRoleOrForbidden(caller, ['center_director'], MSG.tierDirectorOnly);
      const userId = data.responsibleUserId ?? null;
      const department = data.responsibleDepartmentCode ?? null;
      if (data.serviceTier === 'city_department' && !department) {
        throw new DomainError('VALIDATION_FAILED', MSG.tierNeedsDepartment, [
          { field: 'responsibleDepartmentCode', message: MSG.tierNeedsDepartment },
        ]);
      }
      if (data.serviceTier !== 'city_department' && !userId) {
        throw new DomainError('VALIDATION_FAILED', MSG.tierNeedsLeader, [
          { field: 'responsibleUserId', message: MSG.tierNeedsLeader },
        ]);
      }
      return {
        serviceTier: data.serviceTier,
        responsibleUserId: userId,
        responsibleDepartmentCode: department,
      };
    });
  }

  /**
   * One guarded change: lock the row, check the version, apply the fields that really differ,
   * bump the version and write one `projects.project.updated` in the same transaction.
   */
  private async change(
    caller: Caller,
    projectId: string,
    version: number,
    decide: (current: ProjectRow) => Partial<Record<PatchField, unknown>>,
  ): Promise<ProjectView> {
    try {
      return await this.db.transaction(async (manager) => {
        const current = await this.findVisible(manager, caller, projectId, true);
        const wanted = decide(current);
        if (current.version !== version) throw new DomainError('VERSION_CONFLICT', MSG.versionConflict);
        const before = toSnapshot(current) as unknown as Record<string, unknown>;
        const valueOf = (field: string) =>
          field.startsWith('plannedDates.')
            ? (before.plannedDates as Record<string, unknown>)[field.slice('plannedDates.'.length)]
            : before[field];
        const changed = (Object.keys(wanted) as PatchField[]).filter((field) => {
          const next = wanted[field];
          if (next === undefined) return false;
          const prev = valueOf(field);
          if (field === 'totalInvestment')
            return wanYuanToCents(String(next)) !== wanYuanToCents(String(prev));
          return JSON.stringify(next) !== JSON.stringify(prev);
        });
        if (!changed.length) return toProjectView(current);
        const params: unknown[] = [projectId, this.clock.now()];
        const sets = changed.map((field) => {
          const value = wanted[field];
          params.push(field === 'attributes' ? JSON.stringify(value) : value);
          return `${PATCH_COLUMNS[field]} = $${params.length}`;
        });
        await manager.query(
          `UPDATE projects SET ${sets.join(', ')}, version = version + 1, updated_at = $2 WHERE id = $1`,
          params,
        );
        const row = await this.repo.findById(manager, projectId);
        await this.outbox.append(manager, projectUpdated, {
          aggregateId: projectId,
          aggregateVersion: row.version,
          actor: actorOf(caller),
          payload: { project: toSnapshot(row), changedFields: changed },
        });
        return toProjectView(row);
      });
    } catch (error) {
      throw this.translate(error);
    }
  }

  async list(caller: Caller, query: RpcRequest<typeof listProjects>) {
    assertRoleOrForbidden(caller, PROJECT_READERS);
    const { page, pageSize, sort, order, ...filter } = query;
    const { rows, total } = await this.repo.list(this.db.manager, caller, filter, {
      page,
      pageSize,
      sort,
      order,
    });
    return { items: rows.map(toProjectView), total, page, pageSize };
  }

  async pipeline(caller: Caller, query: RpcRequest<typeof listPipeline>) {
    assertRoleOrForbidden(caller, PROJECT_READERS);
    const { page, pageSize, order, stage, ...rest } = query;
    const filter = { ...rest, stage: stage === 'all' ? undefined : stage };
    const { rows, total } = await this.repo.list(this.db.manager, caller, filter, {
      page,
      pageSize,
      sort: 'totalInvestment',
      order,
    });
    const sums = await this.repo.tierTotals(this.db.manager, caller, filter);
    const tiers = INVESTMENT_TIERS.map((tier) => {
      const hit = sums.find((s) => s.tier === tier);
      return {
        tier,
        count: hit?.count ?? 0,
        totalInvestment: centsToWanYuan(hit ? wanYuanToCents(hit.total) : 0n),
      };
    });
    return { items: rows.map(toProjectView), total, page, pageSize, tiers };
  }

  private translate(error: unknown): unknown {
    if (isUniqueViolation(error, 'projects_project_code_key')) {
      return new DomainError('DUPLICATE', MSG.projectCodeDuplicate, [
        { field: 'projectCode', message: MSG.projectCodeDuplicate },
      ]);
    }
    return error;
  }
}
