import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, shanghaiDateOf, shanghaiEndOfDay, type WorkingCalendar } from '@daiban/calendar';
import {
  DomainError,
  requestAnswered,
  requestClosed,
  requestRaised,
  requestReopened,
  requestRouted,
  type Caller,
  type RequestActionRequest,
  type RequestCategory,
  type RequestState,
  type RequestView,
} from '@daiban/contracts';
import { CalendarRepository } from '../calendar/calendar.repository';
import { actorOf, assertRole, assertVisible, requireCaller } from '../common/caller.util';
import { WorkflowEvents } from '../common/workflow-events.service';
import { MSG, actionName, stateName } from '../common/workflow-messages.constant';
import { WORKFLOW_CONFIG, type WorkflowConfig } from '../config';
import { LedgerRepository } from '../ledger/ledger.repository';
import { ProjectsRepository } from '../projects/projects.repository';
import { AttachmentLinks } from '../attachments/attachment-links.repository';
import { requestDeadline, requestProgress } from './request-clock.util';
import { RequestDeadlineService, requestPlace } from './request-deadline.service';
import { RAISE_ROLES, READ_ROLES, decideRequestTransition } from './request-state-machine';
import { RequestsRepository, type RequestRow, type RequestWithProject } from './requests.repository';

export interface RaiseInput {
  projectId: string;
  category: RequestCategory;
  description: string;
  attachmentIds: string[];
}

export interface ListInput {
  states?: RequestState[];
  projectId?: string;
  category?: RequestCategory;
  overdue?: boolean;
  page: number;
  pageSize: number;
}

@Injectable()
export class RequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(WORKFLOW_CONFIG) private readonly config: WorkflowConfig,
    private readonly clock: Clock,
    private readonly requests: RequestsRepository,
    private readonly projects: ProjectsRepository,
    private readonly calendars: CalendarRepository,
    private readonly ledger: LedgerRepository,
    private readonly attachments: AttachmentLinks,
    private readonly deadlines: RequestDeadlineService,
    private readonly events: WorkflowEvents,
  ) {}

  async raise(callerOrNull: Caller | null, input: RaiseInput): Promise<RequestView> {
    const caller = requireCaller(callerOrNull);
    return this.dataSource.transaction(async (manager) => {
      const project = await this.projects.get(manager, input.projectId);
      assertVisible(caller, project, MSG.projectNotFound);
      assertRole(caller, RAISE_ROLES);
      const now = this.clock.now();
      const calendar = await this.calendars.load(manager);
      const startedOn = shanghaiDateOf(now);
      const limit = this.config.REQUEST_LIMIT_WORKING_DAYS;
      const deadline = requestDeadline(calendar, startedOn, limit, project!.greenChannel);
      const id = randomUUID();
      const row: RequestRow = {
        id,
        projectId: project!.projectId,
        enterpriseId: project!.enterpriseId,
        parkId: project!.parkId,
        countyCode: project!.countyCode,
        category: input.category,
        description: input.description,
        attachmentIds: [...new Set(input.attachmentIds)],
        state: 'raised',
        version: 1,
        raisedBy: caller.userId,
        raisedAt: now,
        routedToDepartmentCode: null,
        routedToAgentUserId: null,
        answer: null,
        answeredAt: null,
        answeredBy: null,
        confirmedByEnterprise: null,
        closeReason: null,
        closedAt: null,
        reopenCount: 0,
        deadlineVersion: 0,
        deadlineActive: true,
        deadlineStartedOn: startedOn,
        deadlineLimit: limit,
        deadlineDueDate: deadline.dueDate,
        deadlineProvisional: deadline.provisional,
      };
      await this.requests.insert(manager, row);
      if (!(await this.attachments.claimForRequest(manager, row.projectId, row.attachmentIds, id))) {
        throw new DomainError('VALIDATION_FAILED', MSG.attachmentsNotOnProject);
      }
      const request = (await this.requests.get(manager, id))!;
      await this.record(manager, request, caller, 'raise', null, now, {
        category: row.category,
        attachmentIds: row.attachmentIds,
      });
      await this.deadlines.announce(manager, calendar, request, 'raised', actorOf(caller));
      await this.requests.save(manager, request.row);
      await this.events.append(
        manager,
        requestRaised,
        id,
        row.version,
        {
          requestId: id,
          projectId: row.projectId,
          place: requestPlace(row),
          category: row.category,
          dueDate: request.row.deadlineDueDate,
          dueAt: shanghaiEndOfDay(request.row.deadlineDueDate).toISOString(),
          deadlineVersion: request.row.deadlineVersion,
        },
        actorOf(caller),
      );
      return this.view(calendar, request, now);
    });
  }

  async act(callerOrNull: Caller | null, input: RequestActionRequest): Promise<RequestView> {
    const caller = requireCaller(callerOrNull);
    return this.dataSource.transaction(async (manager) => {
      const request = await this.requests.get(manager, input.requestId, true);
      assertVisible(caller, request && requestPlace(request.row), MSG.requestNotFound);
      const row = request!.row;
      const decision = decideRequestTransition(input.action, row.state, caller.role);
      if (!decision.ok && decision.reason === 'role') throw new DomainError('FORBIDDEN', MSG.roleForbidden);
      if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
        throw new DomainError('VERSION_CONFLICT', MSG.versionConflict, { version: row.version });
      }
      if (!decision.ok) {
        throw new DomainError(
          'ILLEGAL_TRANSITION',
          MSG.illegalRequest(stateName(row.state), actionName(input.action)),
          {
            state: row.state,
            version: row.version,
          },
        );
      }
      if (input.action === 'answer') this.assertAssignee(caller, row);

      const now = this.clock.now();
      const calendar = await this.calendars.load(manager);
      const from = row.state;
      row.state = decision.to;
      row.version += 1;
      const place = requestPlace(row);
      const ref = { requestId: row.id, projectId: row.projectId };
      const actor = actorOf(caller);
      let fields: Record<string, unknown> = {};
      switch (input.action) {
        case 'route':
          row.routedToDepartmentCode = input.toDepartmentCode ?? null;
          row.routedToAgentUserId = input.toAgentUserId ?? null;
          fields = { toDepartmentCode: row.routedToDepartmentCode, toAgentUserId: row.routedToAgentUserId };
          await this.events.append(
            manager,
            requestRouted,
            row.id,
            row.version,
            {
              ...ref,
              place: requestPlace(row),
              toDepartmentCode: row.routedToDepartmentCode,
              toAgentUserId: row.routedToAgentUserId,
            },
            actor,
          );
          await this.deadlines.announce(manager, calendar, request!, 'routed', actor);
          break;
        case 'answer':
          row.answer = input.answer;
          row.answeredAt = now;
          row.answeredBy = caller.userId;
          row.deadlineActive = false;
          fields = { answer: input.answer };
          await this.events.append(
            manager,
            requestAnswered,
            row.id,
            row.version,
            {
              ...ref,
              place,
              answeredAt: now.toISOString(),
            },
            actor,
          );
          await this.deadlines.announce(manager, calendar, request!, 'stopped', actor);
          break;
        case 'confirm':
        case 'close': {
          const confirmed = input.action === 'confirm';
          row.confirmedByEnterprise = confirmed;
          row.closeReason = input.action === 'close' ? input.reason : null;
          row.closedAt = now;
          fields = confirmed ? {} : { reason: row.closeReason };
          await this.events.append(
            manager,
            requestClosed,
            row.id,
            row.version,
            {
              ...ref,
              place,
              confirmedByEnterprise: confirmed,
            },
            actor,
          );
          if (row.deadlineActive) {
            row.deadlineActive = false;
            await this.deadlines.announce(manager, calendar, request!, 'stopped', actor);
          }
          break;
        }
        case 'reopen':
          row.reopenCount += 1;
          row.answer = null;
          row.answeredAt = null;
          row.answeredBy = null;
          row.deadlineActive = true;
          row.deadlineStartedOn = shanghaiDateOf(now);
          row.deadlineLimit = this.config.REQUEST_LIMIT_WORKING_DAYS;
          fields = { reason: input.reason };
          await this.events.append(
            manager,
            requestReopened,
            row.id,
            row.version,
            {
              ...ref,
              place,
              reopenCount: row.reopenCount,
              toDepartmentCode: row.routedToDepartmentCode,
              toAgentUserId: row.routedToAgentUserId,
            },
            actor,
          );
          await this.deadlines.announce(manager, calendar, request!, 'reopened', actor);
          break;
      }
      await this.requests.save(manager, row);
      await this.record(
        manager,
        request!,
        caller,
        input.action === 'close' ? 'close_request' : input.action,
        from,
        now,
        fields,
        input.note,
      );
      return this.view(calendar, request!, now);
    });
  }

  async get(callerOrNull: Caller | null, requestId: string) {
    const caller = requireCaller(callerOrNull);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const request = await this.requests.get(manager, requestId);
      assertVisible(caller, request && requestPlace(request.row), MSG.requestNotFound);
      assertRole(caller, READ_ROLES);
      const calendar = await this.calendars.load(manager);
      const history = await this.ledger.byRequest(manager, requestId);
      return { ...this.view(calendar, request!, this.clock.now()), history };
    });
  }

  async list(callerOrNull: Caller | null, input: ListInput) {
    const caller = requireCaller(callerOrNull);
    assertRole(caller, READ_ROLES);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const now = this.clock.now();
      const { total, rows } = await this.requests.list(manager, {
        scope: caller.scope,
        states: input.states,
        projectId: input.projectId,
        category: input.category,
        overdueOn: input.overdue ? shanghaiDateOf(now) : undefined,
        limit: input.pageSize,
        offset: (input.page - 1) * input.pageSize,
      });
      const calendar = await this.calendars.load(manager);
      return {
        total,
        page: input.page,
        pageSize: input.pageSize,
        requests: rows.map((request) => this.view(calendar, request, now)),
      };
    });
  }

  /** A department answers what was routed to it; an agent what was routed to that agent. */
  private assertAssignee(caller: Caller, row: RequestRow): void {
    const ok =
      caller.role === 'center_director' ||
      (caller.role === 'department_officer' &&
        caller.scope.kind === 'department' &&
        caller.scope.departmentCode === row.routedToDepartmentCode) ||
      (caller.role === 'agent' && caller.userId === row.routedToAgentUserId);
    if (!ok) throw new DomainError('FORBIDDEN', MSG.requestNotAssignee);
  }

  private async record(
    manager: EntityManager,
    request: RequestWithProject,
    caller: Caller,
    action: string,
    from: string | null,
    now: Date,
    fields: Record<string, unknown>,
    note?: string,
  ): Promise<void> {
    await this.ledger.append(manager, {
      caseId: request.caseId,
      itemId: null,
      requestId: request.row.id,
      projectId: request.row.projectId,
      subject: 'request',
      action,
      from,
      to: request.row.state,
      actorUserId: caller.userId,
      actorRole: caller.role,
      effectiveAt: now,
      recordedAt: now,
      fields,
      note: note ?? null,
    });
  }

  private view(calendar: WorkingCalendar, request: RequestWithProject, now: Date): RequestView {
    const { row } = request;
    const deadline = requestDeadline(
      calendar,
      row.deadlineStartedOn,
      row.deadlineLimit,
      request.greenChannel,
    );
    const progress = requestProgress(
      calendar,
      { startedOn: row.deadlineStartedOn, limit: row.deadlineLimit, active: row.deadlineActive },
      now,
      request.greenChannel,
    );
    return {
      id: row.id,
      projectId: row.projectId,
      projectName: request.projectName,
      caseId: request.caseId,
      enterpriseId: row.enterpriseId,
      parkId: row.parkId,
      countyCode: row.countyCode,
      category: row.category,
      description: row.description,
      attachmentIds: row.attachmentIds,
      state: row.state,
      version: row.version,
      raisedBy: row.raisedBy,
      raisedAt: new Date(row.raisedAt).toISOString(),
      routedToDepartmentCode: row.routedToDepartmentCode,
      routedToAgentUserId: row.routedToAgentUserId,
      answer: row.answer,
      answeredAt: row.answeredAt ? new Date(row.answeredAt).toISOString() : null,
      confirmedByEnterprise: row.confirmedByEnterprise,
      closeReason: row.closeReason,
      reopenCount: row.reopenCount,
      limit: row.deadlineLimit,
      startedOn: row.deadlineStartedOn,
      dueDate: deadline.dueDate,
      dueAt: deadline.dueAt.toISOString(),
      deadlineVersion: row.deadlineVersion,
      deadlineActive: row.deadlineActive,
      provisional: deadline.provisional,
      ...progress,
    };
  }
}
