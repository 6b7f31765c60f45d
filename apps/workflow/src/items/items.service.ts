import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { readSnapshot } from '@daiban/database';
import { Clock, shanghaiDateOf, type LocalDate, type WorkingCalendar } from '@daiban/calendar';
import {
  DomainError,
  caseHandedOver,
  commitmentDeadlineCleared,
  commitmentDeadlineSet,
  deficiencyDeadlineCleared,
  deficiencyDeadlineSet,
  itemTransitioned,
  type Caller,
  type ItemActionRequest,
  type ItemDetail,
  type ItemView,
  type RpcRequest,
  type RpcResponse,
  type workflowItemList,
} from '@daiban/contracts';
import { scopeCondition } from '@daiban/auth';
import { CalendarRepository, type CalendarColumns } from '../calendar/calendar.repository';
import { CasesRepository, type CaseWithProject } from '../cases/cases.repository';
import { actorOf, assertVisible, placeOf, requireCaller } from '../common/caller.util';
import { WorkflowEvents } from '../common/workflow-events.service';
import { MSG, actionName, stateName } from '../common/workflow-messages.constant';
import { LedgerRepository } from '../ledger/ledger.repository';
import { SealRegisterRepository } from '../seal-register/seal-register.repository';
import { ACCEPTANCE_DECISION_WORKING_DAYS, sideMilestones } from './item-clock.util';
import { ItemDeadlineService } from './item-deadline.service';
import { firstFailedPrecondition, type PrerequisiteStatus } from './item-preconditions';
import { DONE_STATES, ITEM_RULES, allowedItemActions, decideTransition } from './item-state-machine';
import { toItemView } from './item-view.mapper';
import { ItemsRepository, type ItemRow, type PauseRow } from './items.repository';
import { ActionWrites, LiveItemWrites, type ItemWrites } from './item-writes';

/** What one action needs loaded; the history import fills it from memory. */
export interface ActionContext {
  item: ItemRow;
  kase: CaseWithProject;
  /** The item's special procedures; an action that starts or ends one updates this list in place. */
  pauses: PauseRow[];
  calendar: WorkingCalendar;
  siblings(): Promise<ItemRow[]>;
  writes: ItemWrites;
  now: Date;
  /**
   * Set only by the history import: the importing agent transcribes what the department decided, so
   * department-only actions (e.g. `extend`) are let through for it. Live actions never set this.
   */
  historyImport?: boolean;
}

const PREREQUISITE_MET = new Set([
  'approved',
  'approved_on_commitment',
  'commitment_breached',
  'result_collected',
  'handed_over',
  'waived',
]);

/** Effective times older than this count as backdated (history entry); a little slack absorbs clock skew. */
const BACKDATE_SLACK_MS = 5 * 60_000;

type ItemListRequest = RpcRequest<typeof workflowItemList>;
type ItemListResponse = RpcResponse<typeof workflowItemList>;

/** More than a person can work through: beyond this the list asks for narrower filters. */
const WORKLIST_CAP = 2000;
const LIGHT_RANK = { red: 0, yellow: 1, green: 2 } as const;

/** Red by days overdue, then yellow, then green by working days left; items without a clock last. */
function byUrgency(a: ItemView, b: ItemView): number {
  const rank = (v: ItemView) => (v.light === null ? 3 : LIGHT_RANK[v.light]);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a.light === 'red') return (b.overdueBy ?? 0) - (a.overdueBy ?? 0);
  const left = (v: ItemView) => v.workingDaysLeft ?? Number.MAX_SAFE_INTEGER;
  if (left(a) !== left(b)) return left(a) - left(b);
  return (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.id.localeCompare(b.id);
}

@Injectable()
export class ItemsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly items: ItemsRepository,
    private readonly cases: CasesRepository,
    private readonly calendars: CalendarRepository,
    private readonly ledger: LedgerRepository,
    private readonly seals: SealRegisterRepository,
    private readonly deadlines: ItemDeadlineService,
    private readonly events: WorkflowEvents,
  ) {}

  async get(callerOrNull: Caller | null, itemId: string): Promise<ItemDetail> {
    const caller = requireCaller(callerOrNull);
    return readSnapshot(this.dataSource, async (manager) => {
      const item = await this.items.get(manager, itemId);
      const kase = item && (await this.cases.get(manager, item.caseId));
      assertVisible(caller, kase ? this.itemScope(kase, item) : null, MSG.itemNotFound);
      const view = await this.view(manager, item!, kase!);
      const { catalog, deficiency, commitment } = item!;
      const allowedActions = allowedItemActions({
        state: item!.state,
        role: caller.role,
        assignedAgent: kase!.row.agentUserId === caller.userId,
        caseActive: kase!.row.state === 'in_progress',
        commitmentAllowed: catalog.commitmentAllowed,
        deficiencyAllowed: catalog.deficiencyAllowed,
        procedureExcludable: catalog.excludedProcedures.length > 0,
        deficiencyOpen: deficiency !== null && deficiency.outcome === null,
        commitmentPending: commitment !== null && commitment.outcome === null,
        commitmentOverdue: commitment !== null && shanghaiDateOf(this.clock.now()) > commitment.dueOn,
      });
      return { ...view, allowedActions };
    });
  }

  /** The worklist: scoped in SQL, lights from the calendar and the clock, most urgent first. */
  async list(callerOrNull: Caller | null, request: ItemListRequest): Promise<ItemListResponse> {
    const caller = requireCaller(callerOrNull);
    if (request.mine && caller.role !== 'agent')
      throw new DomainError('VALIDATION_FAILED', MSG.mineForAgentsOnly);
    return readSnapshot(this.dataSource, async (manager) => {
      const scope = scopeCondition(caller.scope, {
        enterpriseId: 'p.enterprise_id',
        parkId: 'p.park_id',
        countyCode: 'p.county_code',
        departmentCode: 'i.department_code',
      });
      const rows = await this.items.worklist(
        manager,
        scope,
        {
          agentUserId: request.mine ? caller.userId : undefined,
          openStatesExcluded: request.openOnly ? DONE_STATES : undefined,
          states: request.states,
          caseId: request.caseId,
          projectId: request.projectId,
          departmentCode: request.departmentCode,
          q: request.q,
        },
        WORKLIST_CAP + 1,
      );
      const truncated = rows.length > WORKLIST_CAP;
      const candidates = rows.slice(0, WORKLIST_CAP);
      const calendar = await this.calendars.load(manager);
      const pauses = await this.items.pauses(
        manager,
        candidates.map((row) => row.id),
      );
      const now = this.clock.now();
      const entries = candidates
        .map((row) => {
          const {
            projectName,
            projectCode,
            enterpriseId,
            parkId,
            countyCode,
            greenChannel,
            major,
            agentUserId,
            ...item
          } = row;
          const view = toItemView(
            calendar,
            item,
            pauses.filter((pause) => pause.itemId === item.id),
            now,
            greenChannel,
          );
          return {
            ...view,
            projectName,
            projectCode,
            enterpriseId,
            parkId,
            countyCode,
            agentUserId,
            greenChannel,
            major,
          };
        })
        .filter(
          (entry) =>
            !request.lights?.length || (entry.light !== null && request.lights.includes(entry.light)),
        )
        .sort(byUrgency);
      const start = (request.page - 1) * request.pageSize;
      return {
        items: entries.slice(start, start + request.pageSize),
        total: entries.length,
        page: request.page,
        pageSize: request.pageSize,
        truncated,
      };
    });
  }

  async act(callerOrNull: Caller | null, request: ItemActionRequest): Promise<ItemView> {
    const caller = requireCaller(callerOrNull);
    return this.dataSource.transaction(async (manager) => {
      const item = await this.items.get(manager, request.itemId, true);
      const calendar = this.calendars.probe();
      const loaded =
        item &&
        (await this.cases.forItem<CalendarColumns>(
          manager,
          item.caseId,
          item.id,
          (n) => this.calendars.fields(n),
          calendar.param,
        ));
      assertVisible(caller, loaded ? this.itemScope(loaded.kase, item) : null, MSG.itemNotFound);
      const kase = loaded!.kase;
      const writes = new ActionWrites(
        manager,
        { items: this.items, ledger: this.ledger, seals: this.seals, events: this.events },
        kase.row,
      );
      const ctx: ActionContext = {
        item: item!,
        kase,
        pauses: loaded!.pauses,
        calendar: calendar.resolve(loaded!.extra),
        siblings: () => this.items.byCase(manager, item!.caseId),
        writes,
        now: this.clock.now(),
      };
      const { next, at } = await this.apply(ctx, caller, request);
      await writes.flush();
      if (DONE_STATES.includes(next.state)) {
        await this.handOverCaseWhenDone(manager, kase, caller, at, ctx.now);
      }
      return toItemView(ctx.calendar, next, ctx.pauses, ctx.now, kase.project.greenChannel);
    });
  }

  /** `held`: the case row the action already read, so its agent is not read again. */
  liveWrites(manager: EntityManager, held?: { id: string; agentUserId: string | null }): LiveItemWrites {
    return new LiveItemWrites(
      manager,
      {
        items: this.items,
        ledger: this.ledger,
        seals: this.seals,
        events: this.events,
      },
      held,
    );
  }

  /**
   * One action on one item: role, state, preconditions, the new row, ledger entry, events and deadline.
   * Live actions and the history import both come through here, so imported history reads exactly as if
   * it had been entered action by action. Hand-over of the case is the caller's (it reads every item).
   */
  async apply(
    ctx: ActionContext,
    caller: Caller,
    request: ItemActionRequest,
  ): Promise<{ next: ItemRow; at: Date }> {
    const { row: caseRow, project } = ctx.kase;
    const current = ctx.item;
    const pauses = ctx.pauses;
    const writes = ctx.writes;
    const openPause = pauses.find((pause) => pause.endOn === null) ?? null;
    const transcribed =
      ctx.historyImport === true &&
      ['agent', 'admin'].includes(caller.role) &&
      ITEM_RULES[request.action].roles.includes('department_officer');
    const decision = decideTransition(
      request.action,
      current.state,
      transcribed ? 'department_officer' : caller.role,
      openPause?.resumeState ?? null,
    );
    if (!decision.ok && decision.reason === 'role') throw new DomainError('FORBIDDEN', MSG.roleForbidden);
    if (caller.role === 'agent' && caseRow.agentUserId !== caller.userId) {
      throw new DomainError('FORBIDDEN', MSG.notAssignedAgent);
    }
    if (request.expectedVersion !== undefined && request.expectedVersion !== current.version) {
      throw new DomainError('VERSION_CONFLICT', MSG.versionConflict, { version: current.version });
    }
    if (!decision.ok) {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        MSG.illegalItem(stateName(current.state), actionName(request.action)),
        {
          state: current.state,
          version: current.version,
        },
      );
    }
    if (caseRow.state !== 'in_progress') throw new DomainError('PRECONDITION_FAILED', MSG.caseNotActive);

    const now = ctx.now;
    const at = request.at ? new Date(request.at) : now;
    if (at.getTime() > now.getTime()) throw new DomainError('VALIDATION_FAILED', MSG.futureAt);
    if (at.getTime() < now.getTime() - BACKDATE_SLACK_MS && !['agent', 'admin'].includes(caller.role)) {
      throw new DomainError('FORBIDDEN', MSG.backdateForbidden);
    }
    if (current.lastEffectiveAt && at.getTime() < new Date(current.lastEffectiveAt).getTime()) {
      throw new DomainError('VALIDATION_FAILED', MSG.atBeforeLast);
    }
    const effectiveDate = shanghaiDateOf(at);
    const today = shanghaiDateOf(now);
    const calendar = ctx.calendar;

    const failure = firstFailedPrecondition(ITEM_RULES[request.action].preconditions, {
      request,
      catalog: current.catalog,
      projectCode: project.projectCode,
      prerequisites:
        request.action === 'submit' ? this.prerequisiteStatus(await ctx.siblings(), current) : [],
      effectiveDate,
      today,
      limitInForce: current.extensionLimit ?? current.catalog.committedLimit,
      deficiencyOpen: current.deficiency !== null && current.deficiency.outcome === null,
      commitmentPending: current.commitment !== null && current.commitment.outcome === null,
      commitmentDueOn: current.commitment?.dueOn ?? null,
    });
    if (failure) throw new DomainError('PRECONDITION_FAILED', failure);

    const from = current.state;
    const next: ItemRow = {
      ...current,
      state: decision.to,
      version: current.version + 1,
      lastEffectiveAt: at,
    };
    let deadlineReason: Parameters<ItemDeadlineService['refresh']>[6] = 'stopped';
    const sideEvents: Array<() => Promise<unknown>> = [];
    const base = {
      itemId: next.id,
      caseId: next.caseId,
      projectId: next.projectId,
      catalogCode: next.catalogCode,
      place: placeOf(project, [next.departmentCode]),
      departmentCode: next.departmentCode,
      projectName: project.name,
      itemName: next.catalog.name,
      agentUserId: caseRow.agentUserId,
    };
    const setSide = (
      def: typeof commitmentDeadlineSet | typeof deficiencyDeadlineSet,
      materials: string[],
      dueOn: LocalDate,
    ) => {
      const milestones = sideMilestones(calendar, effectiveDate, dueOn, project.greenChannel);
      sideEvents.push(() =>
        writes.event(def, next.id, next.version, {
          ...base,
          dueDate: dueOn,
          dueAt: new Date(`${dueOn}T23:59:59.999+08:00`).toISOString(),
          materials,
          yellowAt: milestones.yellowAt && {
            ...milestones.yellowAt,
            at: milestones.yellowAt.at.toISOString(),
          },
          redAt: { ...milestones.redAt, at: milestones.redAt.at.toISOString() },
          greenChannel: project.greenChannel,
          major: project.major,
        }),
      );
    };

    switch (request.action) {
      case 'submit':
        next.submittedOn = effectiveDate;
        next.acceptedOn = null;
        next.deemedAccepted = false;
        deadlineReason = 'submitted';
        break;
      case 'accept':
      case 'accept_with_deficiency': {
        const decisionDue = calendar.addWorkingDays(next.submittedOn!, ACCEPTANCE_DECISION_WORKING_DAYS).date;
        next.deemedAccepted = effectiveDate > decisionDue;
        next.acceptedOn = next.deemedAccepted ? next.submittedOn : effectiveDate;
        deadlineReason = next.deemedAccepted ? 'deemed_accepted' : 'accepted';
        if (request.action === 'accept_with_deficiency') {
          next.deficiency = {
            materials: request.materials,
            setOn: effectiveDate,
            dueOn: request.dueOn,
            closedOn: null,
            outcome: null,
          };
          setSide(deficiencyDeadlineSet, request.materials, request.dueOn);
        }
        break;
      }
      case 'request_correction':
        next.correctionMaterials = request.materials;
        break;
      case 'replan':
        next.submittedOn = null;
        break;
      case 'start_special_procedure': {
        const pause: PauseRow = {
          id: randomUUID(),
          itemId: next.id,
          kind: request.kind,
          startOn: effectiveDate,
          endOn: null,
          estimate: request.estimate,
          estimatedWorkingDays: request.estimatedWorkingDays,
          resumeState: from,
        };
        await writes.insertPause(pause);
        pauses.push(pause);
        deadlineReason = 'pause_started';
        break;
      }
      case 'end_special_procedure':
        await writes.closePause(openPause!, effectiveDate);
        openPause!.endOn = effectiveDate;
        deadlineReason = 'pause_ended';
        break;
      case 'extend':
        next.extensionLimit = request.newLimit;
        deadlineReason = 'extended';
        break;
      case 'approve':
      case 'approve_on_commitment':
        next.resultDocNo = request.resultDocNo;
        next.issuedVia = request.issuedVia;
        next.resultIssuedOn = effectiveDate;
        if (request.issuedVia === 'park_seal_no2') {
          await writes.seal({
            parkId: project.parkId,
            countyCode: project.countyCode,
            issuedOn: effectiveDate,
            itemId: next.id,
            itemName: next.catalog.name,
            departmentCode: next.departmentCode,
            caseId: next.caseId,
            projectId: next.projectId,
            projectName: project.name,
            resultDocNo: request.resultDocNo,
            handlerUserId: caller.userId,
            approver: request.sealApprover!,
            recordedAt: now,
          });
        }
        if (request.action === 'approve_on_commitment') {
          next.commitment = {
            materials: request.materials,
            setOn: effectiveDate,
            dueOn: request.commitmentDueOn,
            closedOn: null,
            outcome: null,
          };
          setSide(commitmentDeadlineSet, request.materials, request.commitmentDueOn);
        }
        break;
      case 'clear_deficiency':
        next.deficiency = { ...next.deficiency!, closedOn: effectiveDate, outcome: 'cleared' };
        sideEvents.push(() =>
          writes.event(deficiencyDeadlineCleared, next.id, next.version, {
            ...base,
            outcome: 'cleared',
          }),
        );
        break;
      case 'fulfil_commitment':
      case 'record_commitment_breach': {
        const outcome = request.action === 'fulfil_commitment' ? 'fulfilled' : 'breached';
        next.commitment = { ...next.commitment!, closedOn: effectiveDate, outcome };
        sideEvents.push(() =>
          writes.event(commitmentDeadlineCleared, next.id, next.version, {
            ...base,
            outcome,
          }),
        );
        break;
      }
      case 'waive':
        next.waivedReason = request.reason;
        break;
      default:
        break;
    }

    await writes.saveItem(next);
    const { action, itemId: _itemId, at: _at, note, expectedVersion: _expected, ...fields } = request;
    await writes.ledger({
      caseId: next.caseId,
      itemId: next.id,
      subject: 'item',
      action,
      from,
      to: next.state,
      actorUserId: caller.userId,
      actorRole: caller.role,
      effectiveAt: at,
      recordedAt: now,
      fields,
      note: note ?? null,
    });
    await writes.event(itemTransitioned, next.id, next.version, {
      ...base,
      action,
      from,
      to: next.state,
      effectiveAt: at.toISOString(),
      recordedAt: now.toISOString(),
      actor: actorOf(caller),
      itemVersion: next.version,
      materials: 'materials' in request ? request.materials : undefined,
      reason: 'reason' in request ? request.reason : undefined,
      acceptedOn: next.acceptedOn,
    });
    for (const append of sideEvents) await append();
    await this.deadlines.refresh(
      writes,
      calendar,
      next,
      pauses,
      project,
      today,
      deadlineReason,
      actorOf(caller),
    );
    return { next, at };
  }

  /**
   * The case is handed over once every item is done (handed over, waived, denied or closed by breach).
   * The history import calls this too, after its batched writes are flushed.
   */
  async handOverCaseWhenDone(
    manager: EntityManager,
    kase: CaseWithProject,
    caller: Caller,
    at: Date,
    now: Date,
  ): Promise<void> {
    const all = await this.items.byCase(manager, kase.row.id);
    if (!all.every((item) => DONE_STATES.includes(item.state))) return;
    const locked = await this.cases.get(manager, kase.row.id, true);
    if (!locked || locked.row.state !== 'in_progress') return;
    const row = { ...locked.row, state: 'handed_over' as const, version: locked.row.version + 1 };
    await this.cases.save(manager, row);
    await this.ledger.append(manager, {
      caseId: row.id,
      itemId: null,
      subject: 'case',
      action: 'hand_over_case',
      from: 'in_progress',
      to: 'handed_over',
      actorUserId: caller.userId,
      actorRole: caller.role,
      effectiveAt: at,
      recordedAt: now,
      fields: {},
      note: null,
    });
    await this.events.append(manager, caseHandedOver, row.id, row.version, {
      caseId: row.id,
      projectId: row.projectId,
      place: placeOf(locked.project, locked.departmentCodes),
    });
  }

  private prerequisiteStatus(siblings: readonly ItemRow[], item: ItemRow): PrerequisiteStatus[] {
    return item.catalog.prerequisites.flatMap((prerequisite) => {
      const sibling = siblings.find((other) => other.catalogCode === prerequisite.code);
      return sibling
        ? [
            {
              code: sibling.catalogCode,
              name: sibling.catalog.name,
              met: PREREQUISITE_MET.has(sibling.state),
            },
          ]
        : [];
    });
  }

  itemScope(kase: CaseWithProject, item: ItemRow | null) {
    return item
      ? {
          enterpriseId: kase.project.enterpriseId,
          parkId: kase.project.parkId,
          countyCode: kase.project.countyCode,
          departmentCodes: [item.departmentCode],
        }
      : null;
  }

  async view(manager: EntityManager, item: ItemRow, kase: CaseWithProject): Promise<ItemView> {
    const calendar = await this.calendars.load(manager);
    const pauses = await this.items.pauses(manager, [item.id]);
    return toItemView(calendar, item, pauses, this.clock.now(), kase.project.greenChannel);
  }
}
