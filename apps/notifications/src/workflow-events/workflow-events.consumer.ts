import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WorkingCalendar, shanghaiDateOf } from '@daiban/calendar';
import {
  caseAgentAssigned,
  caseHandedOver,
  caseOpened,
  commitmentDeadlineCleared,
  commitmentDeadlineSet,
  deficiencyDeadlineCleared,
  deficiencyDeadlineSet,
  itemDeadlineChanged,
  itemTransitioned,
  requestDeadlineChanged,
  type EnvelopeOf,
  type EventEnvelope,
  type Place,
} from '@daiban/contracts';
import { OnEvent, OnEvents } from '@daiban/messaging';
import { DispatcherService, type DispatchRequest } from '../deliveries/dispatcher.service';
import { RecipientDirectory } from '../recipients/recipient-directory.port';
import type { Recipient } from '../recipients/recipient.types';
import { DeadlinesRepository } from '../reminders/deadlines.repository';
import { deadlineKeyOf, type DeadlineInput } from '../reminders/deadline.types';
import { ReminderService } from '../reminders/reminder.service';
import { TransactionHooks } from '../shared/transaction-hooks';
import type { TemplateParams } from '../templates/template.renderer';
import type { TemplateId } from '../templates/templates.catalog';
import {
  closedDeadlineInput,
  itemDeadlineInput,
  requestDeadlineInput,
  sideDeadlineInput,
} from './workflow-deadline.mapper';

const NO_AGENT_YET = '（待分配）';

type Item = { itemId: string; catalogCode: string; itemName?: string };

/**
 * Workflow's `approvals.*` events as reminders and messages. Deadlines go to the reminder engine at the
 * version workflow gives; the other moments become messages whose source key is the event id, so a
 * redelivered event (the inbox already drops most) can never send twice.
 */
@Injectable()
export class WorkflowEventsConsumer {
  private readonly enterprisesRead = new WeakMap<EntityManager, Map<string, Promise<Recipient[]>>>();

  constructor(
    private readonly reminders: ReminderService,
    private readonly deadlines: DeadlinesRepository,
    private readonly dispatcher: DispatcherService,
    private readonly directory: RecipientDirectory,
    private readonly hooks: TransactionHooks,
    private readonly calendar: WorkingCalendar,
  ) {}

  @OnEvent(caseOpened)
  caseOpened(event: EnvelopeOf<typeof caseOpened>, m: EntityManager): Promise<void> {
    return this.tellEnterpriseOfAgent(event, m, 'case.opened');
  }

  @OnEvent(caseAgentAssigned)
  agentAssigned(event: EnvelopeOf<typeof caseAgentAssigned>, m: EntityManager): Promise<void> {
    return this.tellEnterpriseOfAgent(event, m, 'case.agentAssigned');
  }

  /** 已纳入全程代办 and a new agent both name the agent in charge (or 待分配) to the enterprise. */
  private async tellEnterpriseOfAgent(
    event: EnvelopeOf<typeof caseOpened> | EnvelopeOf<typeof caseAgentAssigned>,
    m: EntityManager,
    template: 'case.opened' | 'case.agentAssigned',
  ): Promise<void> {
    const p = event.payload;
    await this.tellEnterprise(
      m,
      event,
      template,
      { kind: 'case', id: p.caseId },
      {
        projectName: p.projectName ?? p.projectId,
        agentName: await this.agentName(p.agentUserId, m),
      },
    );
  }

  /** Every item is done: the enterprise is asked to rate the service, which closes the case. */
  @OnEvent(caseHandedOver)
  async caseHandedOver(event: EnvelopeOf<typeof caseHandedOver>, m: EntityManager): Promise<void> {
    const p = event.payload;
    await this.tellEnterprise(
      m,
      event,
      'case.closedRatingRequested',
      { kind: 'case', id: p.caseId },
      { projectName: p.projectName ?? p.projectId },
    );
  }

  /**
   * An item's transitions and deadline changes, set-based per run of them in a consumer batch. Workflow
   * writes both for each action, so they alternate in the stream: handled per subject, every run was one
   * event long, and each accepted item cost a dozen statements of its own (bench B2: the enterprise's
   * inbox p99 2.9 s against reporting's 0.3 s). A deadline backlog (a county's import, bench B4) is three
   * statements per batch, and the messages of the whole run five more.
   */
  @OnEvents(itemTransitioned, itemDeadlineChanged)
  async itemEvents(events: ItemEvent[], m: EntityManager): Promise<void> {
    const changes = events.filter(isDeadlineChange);
    // The ladder follows the statutory time limit only. The 5-working-day acceptance decision (第32条)
    // settles itself: once it passes, the item counts as accepted and workflow starts the time limit.
    const inputs = changes.map((e) =>
      e.payload.clock === 'time_limit' ? itemDeadlineInput(this.calendar, e) : null,
    );
    const after = this.hooks.afterCommitOf(m);
    await this.reminders.upsertManyInTransaction(
      m,
      inputs.filter((input) => input !== null),
      after,
    );
    // Versions decide, not order: closing after the batch's upserts refuses what one by one would have.
    await this.closeMany(
      m,
      'item',
      changes
        .filter((_, i) => !inputs[i])
        .map((e) => ({ id: e.payload.itemId, version: e.payload.deadlineVersion })),
    );

    const told: Array<{ event: ItemEvent; template: TemplateId; params: TemplateParams }> = [];
    for (const event of events) {
      const message = isDeadlineChange(event) ? acceptedMessage(event) : await this.decisionMessage(event, m);
      if (message) told.push({ event, ...message });
    }
    const enterprises = await this.enterprisesOf(
      told.map((t) => t.event.payload.place),
      m,
    );
    await this.dispatcher.dispatchManyInTransaction(
      m,
      told.map(({ event, template, params }) =>
        this.request(
          event,
          template,
          { kind: 'item', id: event.payload.itemId },
          {
            recipients: enterprises.get(event.payload.place.enterpriseId)!,
            params,
          },
        ),
      ),
      after,
    );
  }

  /** What the enterprise is told of a decision; acceptance is told from the deadline event (it has the due date). */
  private async decisionMessage(
    event: EnvelopeOf<typeof itemTransitioned>,
    m: EntityManager,
  ): Promise<{ template: TemplateId; params: TemplateParams } | null> {
    const p = event.payload;
    const itemName = nameOf(p);
    const decidedOn = shanghaiDateOf(new Date(p.effectiveAt));
    switch (p.action) {
      case 'request_correction':
        return {
          template: 'item.correctionRequested',
          params: {
            itemName,
            materials: (p.materials ?? []).map((material, i) => `${i + 1}. ${material}`).join('\n'),
          },
        };
      case 'approve':
      case 'approve_on_commitment':
        return { template: 'item.approved', params: { itemName, decidedOn } };
      case 'deny':
        return {
          template: 'item.denied',
          params: { itemName, decidedOn, reasons: p.reason ?? '见不予许可决定书' },
        };
      case 'collect_result':
        return {
          template: 'item.resultReady',
          params: { itemName, agentName: await this.agentName(p.agentUserId, m) },
        };
      default:
        return null;
    }
  }

  @OnEvent(commitmentDeadlineSet)
  async commitmentSet(event: EnvelopeOf<typeof commitmentDeadlineSet>, m: EntityManager): Promise<void> {
    const enterprise = await this.enterpriseOf(event.payload.place, m);
    await this.upsert(
      m,
      sideDeadlineInput(
        'commitment',
        this.calendar,
        event,
        enterprise.map((r) => r.userId),
      ),
    );
  }

  @OnEvent(commitmentDeadlineCleared)
  async commitmentCleared(
    event: EnvelopeOf<typeof commitmentDeadlineCleared>,
    m: EntityManager,
  ): Promise<void> {
    const p = event.payload;
    const stored = await this.close(m, 'commitment', p.itemId, event.aggregateVersion);
    if (p.outcome !== 'breached') return;
    const officers = await this.directory.find(
      { role: 'department_officer', departmentCodes: [p.departmentCode], countyCode: p.place.countyCode },
      m,
    );
    await this.dispatch(
      m,
      event,
      'commitment.breached',
      { kind: 'item', id: p.itemId },
      {
        recipients: [
          ...(await this.enterpriseOf(p.place, m)),
          ...(await this.named(p.agentUserId, m)),
          ...officers,
        ],
        params: {
          itemName: nameOf(p),
          dueDate: stored?.dueAt ? shanghaiDateOf(new Date(stored.dueAt.getTime() - 1)) : '承诺期限',
        },
      },
    );
  }

  @OnEvent(deficiencyDeadlineSet)
  async deficiencySet(event: EnvelopeOf<typeof deficiencyDeadlineSet>, m: EntityManager): Promise<void> {
    const enterprise = await this.enterpriseOf(event.payload.place, m);
    await this.upsert(
      m,
      sideDeadlineInput(
        'deficiency',
        this.calendar,
        event,
        enterprise.map((r) => r.userId),
      ),
    );
  }

  @OnEvent(deficiencyDeadlineCleared)
  async deficiencyCleared(
    event: EnvelopeOf<typeof deficiencyDeadlineCleared>,
    m: EntityManager,
  ): Promise<void> {
    await this.close(m, 'deficiency', event.payload.itemId, event.aggregateVersion);
  }

  /** Raised, routed, reopened, recomputed or stopped: one event, one version, one set of rungs. */
  @OnEvent(requestDeadlineChanged)
  async requestDeadlineChanged(
    event: EnvelopeOf<typeof requestDeadlineChanged>,
    m: EntityManager,
  ): Promise<void> {
    await this.upsert(m, requestDeadlineInput(this.calendar, event));
  }

  private async upsert(m: EntityManager, input: DeadlineInput): Promise<void> {
    await this.reminders.upsertInTransaction(m, input, this.hooks.afterCommitOf(m));
  }

  /** Closes a deadline notifications knows (one it never heard of has nothing to cancel); returns it. */
  private async close(
    m: EntityManager,
    kind: 'item' | 'commitment' | 'deficiency',
    id: string,
    version: number,
  ) {
    const [stored] = await this.closeMany(m, kind, [{ id, version }]);
    return stored;
  }

  /** `close` for many: one read of the deadlines, then one set-based upsert; answers each one's stored row. */
  private async closeMany(
    m: EntityManager,
    kind: 'item' | 'commitment' | 'deficiency',
    closing: ReadonlyArray<{ id: string; version: number }>,
  ) {
    if (!closing.length) return [];
    const found = await this.deadlines.findMany(
      m,
      closing.map((c) => deadlineKeyOf(kind, c.id)),
    );
    const stored = closing.map((c) => found.get(deadlineKeyOf(kind, c.id)) ?? null);
    const inputs = closing.flatMap((c, i) => (stored[i] ? [closedDeadlineInput(stored[i], c.version)] : []));
    if (inputs.length) await this.reminders.upsertManyInTransaction(m, inputs, this.hooks.afterCommitOf(m));
    return stored;
  }

  private async tellEnterprise(
    m: EntityManager,
    event: EventEnvelope & { payload: { place: Place } },
    template: TemplateId,
    subject: { kind: string; id: string },
    params: TemplateParams,
  ): Promise<void> {
    await this.dispatch(m, event, template, subject, {
      recipients: await this.enterpriseOf(event.payload.place, m),
      params,
    });
  }

  private async dispatch(
    m: EntityManager,
    event: EventEnvelope & { payload: { place: Place } },
    template: TemplateId,
    subject: { kind: string; id: string },
    what: { recipients: Recipient[]; params: TemplateParams },
  ): Promise<void> {
    await this.dispatcher.dispatchInTransaction(
      m,
      this.request(event, template, subject, what),
      this.hooks.afterCommitOf(m),
    );
  }

  /** Source key = the event id, so a redelivered event (the inbox already drops most) never sends twice. */
  private request(
    event: EventEnvelope & { payload: { place: Place } },
    template: TemplateId,
    subject: { kind: string; id: string },
    what: { recipients: Recipient[]; params: TemplateParams },
  ): DispatchRequest {
    const place = event.payload.place;
    return {
      sourceKey: event.id,
      cause: event,
      template,
      params: what.params,
      recipients: what.recipients,
      subject,
      place: { parkId: place.parkId, countyCode: place.countyCode },
    };
  }

  // Recipients are read in the handler's transaction: a second pool connection per handler starved the
  // pool (16 handlers in flight, 10 connections, each holding one and waiting for another) — bench B4.
  // A consumer batch (one transaction) often tells one enterprise many times: read its users once.
  private async enterpriseOf(place: Place, m: EntityManager): Promise<Recipient[]> {
    return (await this.enterprisesOf([place], m)).get(place.enterpriseId)!;
  }

  /** The users of each place's enterprise; those this transaction has not read yet in one statement. */
  private async enterprisesOf(places: readonly Place[], m: EntityManager): Promise<Map<string, Recipient[]>> {
    let known = this.enterprisesRead.get(m);
    if (!known) this.enterprisesRead.set(m, (known = new Map()));
    const ids = [...new Set(places.map((p) => p.enterpriseId))];
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length) {
      const read = this.directory.ofEnterprises(missing, m);
      for (const id of missing)
        known.set(
          id,
          read.then((all) => all.get(id)!),
        );
    }
    return new Map(await Promise.all(ids.map(async (id) => [id, await known.get(id)!] as const)));
  }

  private async named(userId: string | null | undefined, m: EntityManager): Promise<Recipient[]> {
    return userId ? this.directory.findByIds([userId], m) : [];
  }

  private async agentName(userId: string | null | undefined, m: EntityManager): Promise<string> {
    const [agent] = await this.named(userId, m);
    return agent?.displayName ?? NO_AGENT_YET;
  }
}

type ItemEvent = EnvelopeOf<typeof itemTransitioned> | EnvelopeOf<typeof itemDeadlineChanged>;

function isDeadlineChange(event: ItemEvent): event is EnvelopeOf<typeof itemDeadlineChanged> {
  return event.type === itemDeadlineChanged.type;
}

/** The enterprise is told of an acceptance once its time limit runs, with the due date. */
function acceptedMessage(
  event: EnvelopeOf<typeof itemDeadlineChanged>,
): { template: TemplateId; params: TemplateParams } | null {
  const p = event.payload;
  const accepted = p.reason === 'accepted' || p.reason === 'deemed_accepted';
  if (!accepted || p.clock !== 'time_limit' || !p.startedOn || !p.dueDate) return null;
  return {
    template: 'item.accepted',
    params: { itemName: nameOf(p), acceptedOn: p.startedOn, dueDate: p.dueDate },
  };
}

function nameOf(item: Item): string {
  return item.itemName ?? item.catalogCode;
}
