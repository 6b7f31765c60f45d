import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, shanghaiDateOf, type WorkingCalendar } from '@daiban/calendar';
import {
  DomainError,
  caseAgentAssigned,
  caseAgreementSigned,
  caseClosed,
  caseOpened,
  caseResumed,
  caseSuspended,
  caseTerminated,
  caseListEntrySchema,
  type Actor,
  type CaseListEntry,
  type CaseView,
  type Caller,
  type RpcRequest,
  type RpcResponse,
  type workflowCaseList,
  type workflowCaseSignAgreement,
} from '@daiban/contracts';
import { scopeCondition, scopeCovers } from '@daiban/auth';
import { CalendarRepository, type CalendarColumns } from '../calendar/calendar.repository';
import { CatalogRepository } from '../catalog/catalog.repository';
import { actorOf, assertRole, assertVisible, placeOf, requireCaller } from '../common/caller.util';
import { WorkflowEvents } from '../common/workflow-events.service';
import { MSG, actionName, stateName } from '../common/workflow-messages.constant';
import { ItemDeadlineService } from '../items/item-deadline.service';
import { toItemView } from '../items/item-view.mapper';
import { ItemsRepository, type ItemRow, type PauseRow } from '../items/items.repository';
import { LedgerRepository } from '../ledger/ledger.repository';
import { ProjectsRepository, type LocalProject } from '../projects/projects.repository';
import { CASE_RULES, type CaseAction } from './case-state-machine';
import { CasesRepository, type CaseRow, type CaseWithProject } from './cases.repository';
import { buildChecklist } from './checklist.util';

type Agreement = RpcRequest<typeof workflowCaseSignAgreement>;

const SYSTEM: Actor = { userId: null, role: 'system' };

/** A case's own fields with its project's header: every read of a case starts from these. */
function caseHeader(row: CaseRow, project: LocalProject): Omit<CaseView, 'items'> {
  return {
    id: row.id,
    projectId: row.projectId,
    projectName: project.name,
    projectCode: project.projectCode,
    enterpriseId: project.enterpriseId,
    parkId: project.parkId,
    countyCode: project.countyCode,
    state: row.state,
    version: row.version,
    agencyRequired: project.agencyRequired,
    greenChannel: project.greenChannel,
    major: project.major,
    openedBy: row.openedBy,
    openedAt: new Date(row.openedAt).toISOString(),
    coverage: row.coverage,
    serviceLevel: row.serviceLevel,
    agreementSignedOn: row.agreementSignedOn,
    agentUserId: row.agentUserId,
    catalogVersion: row.catalogVersion,
    terminationReason: row.terminationReason,
    rating: row.rating,
    ratingComment: row.ratingComment,
  };
}

@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cases: CasesRepository,
    private readonly items: ItemsRepository,
    private readonly projects: ProjectsRepository,
    private readonly catalogs: CatalogRepository,
    private readonly calendars: CalendarRepository,
    private readonly ledger: LedgerRepository,
    private readonly deadlines: ItemDeadlineService,
    private readonly events: WorkflowEvents,
  ) {}

  /**
   * Runs in the consumer's transaction for a projectRegistered/Updated event: opens the case of a project
   * that needs agency (once: the inbox and the one-case-per-project constraint both guard it) and
   * terminates the open case of a cancelled project.
   */
  async onProjectSnapshot(manager: EntityManager, project: LocalProject): Promise<void> {
    const now = this.clock.now();
    if (project.status === 'cancelled') {
      const kase = await this.cases.getByProject(manager, project.projectId, true);
      if (kase && CASE_RULES.terminate.from.includes(kase.row.state)) {
        await this.terminate(manager, kase, '项目已取消', 'project_cancelled', SYSTEM, now);
      }
      return;
    }
    if (!project.agencyRequired) return;
    await this.openCase(manager, project, 'registry', SYSTEM, now);
  }

  private async openCase(
    manager: EntityManager,
    project: LocalProject,
    openedBy: 'registry' | 'request',
    actor: Actor,
    now: Date,
  ): Promise<string | null> {
    const id = await this.cases.insertIfAbsent(manager, {
      id: randomUUID(),
      projectId: project.projectId,
      openedBy,
      openedAt: now,
    });
    if (!id) return null;
    await this.ledger.append(manager, {
      caseId: id,
      itemId: null,
      subject: 'case',
      action: 'open',
      from: null,
      to: 'awaiting_agreement',
      actorUserId: actor.userId,
      actorRole: actor.role ?? 'system',
      effectiveAt: now,
      recordedAt: now,
      fields: { openedBy },
      note: null,
    });
    await this.events.append(
      manager,
      caseOpened,
      id,
      1,
      {
        caseId: id,
        projectId: project.projectId,
        place: placeOf(project, []),
        projectName: project.name,
        agentUserId: null,
        state: 'awaiting_agreement',
        openedBy,
        agencyRequired: project.agencyRequired,
      },
      actor,
    );
    return id;
  }

  async open(callerOrNull: Caller | null, projectId: string): Promise<CaseView> {
    const caller = requireCaller(callerOrNull);
    return this.dataSource.transaction(async (manager) => {
      const project = await this.projects.get(manager, projectId);
      assertVisible(caller, project, MSG.projectNotFound);
      assertRole(caller, ['enterprise', 'agent', 'center_director']);
      const id = await this.openCase(manager, project!, 'request', actorOf(caller), this.clock.now());
      if (!id) throw new DomainError('DUPLICATE', MSG.caseExists);
      return this.view(manager, caller, (await this.cases.get(manager, id))!);
    });
  }

  async get(callerOrNull: Caller | null, by: { caseId?: string; projectId?: string }): Promise<CaseView> {
    const caller = requireCaller(callerOrNull);
    const calendar = this.calendars.probe();
    const whole = await this.cases.readWhole<CalendarColumns>(
      this.dataSource.manager,
      by,
      (n) => this.calendars.fields(n),
      calendar.param,
    );
    assertVisible(caller, whole && this.scopeOf(whole.kase), MSG.caseNotFound);
    const { kase, items, pauses, extra } = whole!;
    return this.viewOf(caller, kase, calendar.resolve(extra), items, pauses);
  }

  /**
   * The cases in the caller's scope, scoped in SQL like the item worklist. A department officer's scope
   * names no case column (it covers items, not cases), so its list is empty: officers work from items.
   */
  async list(
    callerOrNull: Caller | null,
    request: RpcRequest<typeof workflowCaseList>,
  ): Promise<RpcResponse<typeof workflowCaseList>> {
    const caller = requireCaller(callerOrNull);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const scope = scopeCondition(caller.scope, {
        enterpriseId: 'p.enterprise_id',
        parkId: 'p.park_id',
        countyCode: 'p.county_code',
      });
      const { rows, total } = await this.cases.page(
        manager,
        scope,
        { states: request.states, agentUserId: request.agentUserId },
        (request.page - 1) * request.pageSize,
        request.pageSize,
      );
      const calendar = await this.calendars.load(manager);
      const items = await this.items.byCases(
        manager,
        rows.map((kase) => kase.row.id),
      );
      const pauses = await this.items.pauses(
        manager,
        items.map((item) => item.id),
      );
      const now = this.clock.now();
      const entries = rows.map(({ row, project }): CaseListEntry => {
        const lights = { green: 0, yellow: 0, red: 0 };
        for (const item of items) {
          if (item.caseId !== row.id) continue;
          const { light } = toItemView(
            calendar,
            item,
            pauses.filter((pause) => pause.itemId === item.id),
            now,
            project.greenChannel,
          );
          if (light) lights[light] += 1;
        }
        // The entry schema keeps the header fields a list row carries and drops the rest.
        return caseListEntrySchema.parse({ ...caseHeader(row, project), lights });
      });
      return { items: entries, total, page: request.page, pageSize: request.pageSize };
    });
  }

  async signAgreement(callerOrNull: Caller | null, request: Agreement): Promise<CaseView> {
    return this.transition(
      callerOrNull,
      request.caseId,
      request.expectedVersion,
      'sign_agreement',
      async (ctx) => {
        const { manager, kase, caller, now } = ctx;
        if (request.signedOn > shanghaiDateOf(now))
          throw new DomainError('VALIDATION_FAILED', MSG.agreementInFuture);
        const catalog = await this.catalogs.current(manager);
        const known = new Set(catalog.items.map((item) => item.code));
        const unknown = (request.itemCodes ?? []).filter((code) => !known.has(code));
        if (unknown.length)
          throw new DomainError('VALIDATION_FAILED', MSG.itemCodesUnknown(unknown.join('、')));
        const checklist = buildChecklist(
          catalog.items,
          kase.project.attributes,
          request.coverage,
          request.itemCodes,
        );
        const itemIds: string[] = [];
        for (const [index, entry] of checklist.entries()) {
          const id = randomUUID();
          itemIds.push(id);
          await this.items.insert(manager, {
            id,
            caseId: kase.row.id,
            projectId: kase.row.projectId,
            catalog: entry.catalog,
            catalogVersion: catalog.version,
            sortOrder: index + 1,
            state: entry.waivedReason === null ? 'not_started' : 'waived',
            waivedReason: entry.waivedReason,
          });
        }
        const row: CaseRow = {
          ...kase.row,
          coverage: request.coverage,
          serviceLevel: request.serviceLevel,
          agreementSignedOn: request.signedOn,
          catalogVersion: catalog.version,
        };
        return {
          row,
          fields: {
            signedOn: request.signedOn,
            coverage: request.coverage,
            itemCodes: request.itemCodes ?? [],
            serviceLevel: request.serviceLevel,
            catalogVersion: catalog.version,
          },
          event: async (version, place) =>
            this.events.append(
              manager,
              caseAgreementSigned,
              row.id,
              version,
              {
                caseId: row.id,
                projectId: row.projectId,
                place,
                signedOn: request.signedOn,
                coverage: request.coverage,
                serviceLevel: request.serviceLevel,
                catalogVersion: catalog.version,
                itemIds,
              },
              actorOf(caller),
            ),
        };
      },
    );
  }

  async assignAgent(
    callerOrNull: Caller | null,
    caseId: string,
    agentUserId: string,
    expectedVersion?: number,
  ) {
    return this.transition(
      callerOrNull,
      caseId,
      expectedVersion,
      'assign_agent',
      async ({ manager, kase, caller }) => {
        const previous = kase.row.agentUserId;
        const row = { ...kase.row, agentUserId };
        return {
          row,
          fields: { agentUserId, previousAgentUserId: previous },
          event: (version, place) =>
            this.events.append(
              manager,
              caseAgentAssigned,
              row.id,
              version,
              {
                caseId: row.id,
                projectId: row.projectId,
                place,
                projectName: kase.project.name,
                agentUserId,
                previousAgentUserId: previous,
              },
              actorOf(caller),
            ),
        };
      },
    );
  }

  async suspend(callerOrNull: Caller | null, caseId: string, reason: string, expectedVersion?: number) {
    return this.simple(callerOrNull, caseId, expectedVersion, 'suspend', { reason }, caseSuspended);
  }

  async resume(
    callerOrNull: Caller | null,
    caseId: string,
    note: string | undefined,
    expectedVersion?: number,
  ) {
    return this.simple(callerOrNull, caseId, expectedVersion, 'resume', { note: note ?? null }, caseResumed);
  }

  async close(
    callerOrNull: Caller | null,
    caseId: string,
    rating: number,
    comment?: string,
    expectedVersion?: number,
  ) {
    return this.transition(
      callerOrNull,
      caseId,
      expectedVersion,
      'close',
      async ({ manager, kase, caller }) => {
        const row = { ...kase.row, rating, ratingComment: comment ?? null };
        return {
          row,
          fields: { rating },
          event: (version, place) =>
            this.events.append(
              manager,
              caseClosed,
              row.id,
              version,
              {
                caseId: row.id,
                projectId: row.projectId,
                place,
                rating,
              },
              actorOf(caller),
            ),
        };
      },
    );
  }

  async terminateByCaller(
    callerOrNull: Caller | null,
    caseId: string,
    reason: string,
    expectedVersion?: number,
  ) {
    const caller = requireCaller(callerOrNull);
    return this.dataSource.transaction(async (manager) => {
      const kase = await this.checkedCase(manager, caller, caseId, expectedVersion, 'terminate');
      await this.terminate(manager, kase, reason, 'revoked', actorOf(caller), this.clock.now());
      return this.view(manager, caller, (await this.cases.get(manager, caseId))!);
    });
  }

  /** Stops every running clock of the case: its reminders must not fire any more. */
  private async terminate(
    manager: EntityManager,
    kase: CaseWithProject,
    reason: string,
    cause: 'revoked' | 'project_cancelled',
    actor: Actor,
    now: Date,
  ): Promise<void> {
    const row: CaseRow = {
      ...kase.row,
      state: 'terminated',
      version: kase.row.version + 1,
      terminationReason: reason,
    };
    await this.cases.save(manager, row);
    await this.ledger.append(manager, {
      caseId: row.id,
      itemId: null,
      subject: 'case',
      action: 'terminate',
      from: kase.row.state,
      to: 'terminated',
      actorUserId: actor.userId,
      actorRole: actor.role ?? 'system',
      effectiveAt: now,
      recordedAt: now,
      fields: { reason, cause },
      note: null,
    });
    await this.events.append(
      manager,
      caseTerminated,
      row.id,
      row.version,
      {
        caseId: row.id,
        projectId: row.projectId,
        place: placeOf(kase.project, kase.departmentCodes),
        from: kase.row.state,
        cause,
      },
      actor,
    );
    for (const item of await this.items.byCase(manager, row.id)) {
      if (!item.deadlineActive) continue;
      await this.deadlines.stop(manager, item, kase.project, actor);
    }
  }

  private async checkedCase(
    manager: EntityManager,
    caller: Caller,
    caseId: string,
    expectedVersion: number | undefined,
    action: CaseAction,
  ): Promise<CaseWithProject> {
    const kase = await this.cases.get(manager, caseId, true);
    assertVisible(caller, kase && this.scopeOf(kase), MSG.caseNotFound);
    const rule = CASE_RULES[action];
    assertRole(caller, rule.roles);
    if (caller.role === 'agent' && kase!.row.agentUserId !== caller.userId) {
      throw new DomainError('FORBIDDEN', MSG.notAssignedAgent);
    }
    if (expectedVersion !== undefined && expectedVersion !== kase!.row.version) {
      throw new DomainError('VERSION_CONFLICT', MSG.versionConflict, { version: kase!.row.version });
    }
    if (!rule.from.includes(kase!.row.state)) {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        MSG.illegalCase(stateName(kase!.row.state), actionName(action)),
        {
          state: kase!.row.state,
          version: kase!.row.version,
        },
      );
    }
    return kase!;
  }

  private async transition(
    callerOrNull: Caller | null,
    caseId: string,
    expectedVersion: number | undefined,
    action: CaseAction,
    apply: (ctx: { manager: EntityManager; kase: CaseWithProject; caller: Caller; now: Date }) => Promise<{
      row: CaseRow;
      fields: Record<string, unknown>;
      event: (version: number, place: ReturnType<typeof placeOf>) => Promise<unknown>;
    }>,
  ): Promise<CaseView> {
    const caller = requireCaller(callerOrNull);
    return this.dataSource.transaction(async (manager) => {
      const kase = await this.checkedCase(manager, caller, caseId, expectedVersion, action);
      const now = this.clock.now();
      const { row, fields, event } = await apply({ manager, kase, caller, now });
      const next: CaseRow = {
        ...row,
        state: CASE_RULES[action].to(kase.row.state),
        version: kase.row.version + 1,
      };
      await this.cases.save(manager, next);
      await this.ledger.append(manager, {
        caseId: next.id,
        itemId: null,
        subject: 'case',
        action,
        from: kase.row.state,
        to: next.state,
        actorUserId: caller.userId,
        actorRole: caller.role,
        effectiveAt: now,
        recordedAt: now,
        fields,
        note: null,
      });
      const fresh = (await this.cases.get(manager, caseId))!;
      await event(next.version, placeOf(fresh.project, fresh.departmentCodes));
      return this.view(manager, caller, fresh);
    });
  }

  private simple(
    callerOrNull: Caller | null,
    caseId: string,
    expectedVersion: number | undefined,
    action: 'suspend' | 'resume',
    fields: Record<string, unknown>,
    def: typeof caseSuspended | typeof caseResumed,
  ) {
    return this.transition(
      callerOrNull,
      caseId,
      expectedVersion,
      action,
      async ({ manager, kase, caller }) => ({
        row: kase.row,
        fields,
        event: (version, place) =>
          this.events.append(
            manager,
            def,
            kase.row.id,
            version,
            {
              caseId: kase.row.id,
              projectId: kase.row.projectId,
              place,
            },
            actorOf(caller),
          ),
      }),
    );
  }

  scopeOf(kase: CaseWithProject) {
    return {
      enterpriseId: kase.project.enterpriseId,
      parkId: kase.project.parkId,
      countyCode: kase.project.countyCode,
      departmentCodes: kase.departmentCodes,
    };
  }

  /** A department officer sees the project header and only its department's items. */
  async view(manager: EntityManager, caller: Caller, kase: CaseWithProject): Promise<CaseView> {
    const calendar = await this.calendars.load(manager);
    const all = await this.items.byCase(manager, kase.row.id);
    const pauses = await this.items.pauses(
      manager,
      all.map((item) => item.id),
    );
    return this.viewOf(caller, kase, calendar, all, pauses);
  }

  private viewOf(
    caller: Caller,
    kase: CaseWithProject,
    calendar: WorkingCalendar,
    all: readonly ItemRow[],
    pauses: readonly PauseRow[],
  ): CaseView {
    const visible = all.filter((item) =>
      scopeCovers(caller.scope, { ...this.scopeOf(kase), departmentCodes: [item.departmentCode] }),
    );
    const now = this.clock.now();
    const { row, project } = kase;
    return {
      ...caseHeader(row, project),
      items: visible.map((item) =>
        toItemView(
          calendar,
          item,
          pauses.filter((pause) => pause.itemId === item.id),
          now,
          project.greenChannel,
        ),
      ),
    };
  }
}
