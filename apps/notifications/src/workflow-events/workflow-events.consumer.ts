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
  type Place,
} from '@daiban/contracts';
import { OnEvent, OnEvents } from '@daiban/messaging';
import { DispatcherService } from '../deliveries/dispatcher.service';
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
      event.id,
      p.place,
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
      event.id,
      p.place,
      'case.closedRatingRequested',
      { kind: 'case', id: p.caseId },
      { projectName: p.projectName ?? p.projectId },
    );
  }

  @OnEvent(itemTransitioned)
  async itemTransitioned(event: EnvelopeOf<typeof itemTransitioned>, m: EntityManager): Promise<void> {
    const p = event.payload;
    const itemName = nameOf(p);
    const decidedOn = shanghaiDateOf(new Date(p.effectiveAt));
    const subject = { kind: 'item', id: p.itemId };
    switch (p.action) {
      case 'request_correction':
        return this.tellEnterprise(m, event.id, p.place, 'item.correctionRequested', subject, {
          itemName,
          materials: (p.materials ?? []).map((material, i) => `${i + 1}. ${material}`).join('\n'),
        });
      case 'approve':
      case 'approve_on_commitment':
        return this.tellEnterprise(m, event.id, p.place, 'item.approved', subject, { itemName, decidedOn });
      case 'deny':
        return this.tellEnterprise(m, event.id, p.place, 'item.denied', subject, {
          itemName,
          decidedOn,
          reasons: p.reason ?? '见不予许可决定书',
        });
      case 'collect_result':
        return this.tellEnterprise(m, event.id, p.place, 'item.resultReady', subject, {
          itemName,
          agentName: await this.agentName(p.agentUserId, m),
        });
      default:
        // Acceptance is told from the deadline event, which carries the due date; the rest has no message.
        return;
    }
  }

  /** Set-based: a backlog of deadline changes (a county's import, bench B4) is three statements per batch. */
  @OnEvents(itemDeadlineChanged)
  async itemDeadlinesChanged(
    events: Array<EnvelopeOf<typeof itemDeadlineChanged>>,
    m: EntityManager,
  ): Promise<void> {
    // The ladder follows the statutory time limit only. The 5-working-day acceptance decision (第32条)
    // settles itself: once it passes, the item counts as accepted and workflow starts the time limit.
    const inputs = events.map((e) =>
      e.payload.clock === 'time_limit' ? itemDeadlineInput(this.calendar, e) : null,
    );
    await this.reminders.upsertManyInTransaction(
      m,
      inputs.filter((input) => input !== null),
      this.hooks.afterCommitOf(m),
    );
    // Versions decide, not order: closing after the batch's upserts refuses what one by one would have.
    for (const [i, event] of events.entries()) {
      const p = event.payload;
      if (!inputs[i]) await this.close(m, 'item', p.itemId, p.deadlineVersion);
      const accepted = p.reason === 'accepted' || p.reason === 'deemed_accepted';
      if (accepted && p.clock === 'time_limit' && p.startedOn && p.dueDate) {
        await this.tellEnterprise(
          m,
          event.id,
          p.place,
          'item.accepted',
          { kind: 'item', id: p.itemId },
          {
            itemName: nameOf(p),
            acceptedOn: p.startedOn,
            dueDate: p.dueDate,
          },
        );
      }
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
      event.id,
      p.place,
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
    const stored = await this.deadlines.find(m, deadlineKeyOf(kind, id));
    if (stored) await this.upsert(m, closedDeadlineInput(stored, version));
    return stored;
  }

  private async tellEnterprise(
    m: EntityManager,
    eventId: string,
    place: Place,
    template: TemplateId,
    subject: { kind: string; id: string },
    params: TemplateParams,
  ): Promise<void> {
    await this.dispatch(m, eventId, place, template, subject, {
      recipients: await this.enterpriseOf(place, m),
      params,
    });
  }

  private async dispatch(
    m: EntityManager,
    eventId: string,
    place: Place,
    template: TemplateId,
    subject: { kind: string; id: string },
    what: { recipients: Recipient[]; params: TemplateParams },
  ): Promise<void> {
    if (!what.recipients.length) return;
    await this.dispatcher.dispatchInTransaction(
      m,
      {
        sourceKey: eventId,
        template,
        params: what.params,
        recipients: what.recipients,
        subject,
        place: { parkId: place.parkId, countyCode: place.countyCode },
      },
      this.hooks.afterCommitOf(m),
    );
  }

  // Recipients are read in the handler's transaction: a second pool connection per handler starved the
  // pool (16 handlers in flight, 10 connections, each holding one and waiting for another) — bench B4.
  // A consumer batch (one transaction) often tells one enterprise many times: read its users once.
  private enterpriseOf(place: Place, m: EntityManager): Promise<Recipient[]> {
    let known = this.enterprisesRead.get(m);
    if (!known) this.enterprisesRead.set(m, (known = new Map()));
    let recipients = known.get(place.enterpriseId);
    if (!recipients) {
      recipients = this.directory.find({ role: 'enterprise', enterpriseId: place.enterpriseId }, m);
      known.set(place.enterpriseId, recipients);
    }
    return recipients;
  }

  private async named(userId: string | null | undefined, m: EntityManager): Promise<Recipient[]> {
    return userId ? this.directory.findByIds([userId], m) : [];
  }

  private async agentName(userId: string | null | undefined, m: EntityManager): Promise<string> {
    const [agent] = await this.named(userId, m);
    return agent?.displayName ?? NO_AGENT_YET;
  }
}

function nameOf(item: Item): string {
  return item.itemName ?? item.catalogCode;
}
