import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { scopeCovers } from '@daiban/auth';
import {
  DomainError,
  supervisionOrderClosed,
  supervisionOrderFeedbackSubmitted,
  supervisionOrderIssued,
  supervisionOrderReturned,
  supervisionOrderReviewed,
  supervisionOrderSigned,
  type actOnSupervisionOrder,
  type Caller,
  type createSupervisionOrder,
  type EventDefinition,
  type SupervisionOrderEventPayload,
} from '@daiban/contracts';
import { Clock, shanghaiDateOf } from '@daiban/calendar';
import { OutboxWriter } from '@daiban/messaging';
import type { NotificationsConfig } from '../config';
import { DispatcherService } from '../deliveries/dispatcher.service';
import { RecipientDirectory } from '../recipients/recipient-directory.port';
import { unknownRecipient, type Recipient } from '../recipients/recipient.types';
import type { Deadline } from '../reminders/deadline.types';
import { DeadlinesRepository } from '../reminders/deadlines.repository';
import { ReminderService } from '../reminders/reminder.service';
import { AfterCommit } from '../shared/after-commit';
import { NOTIFICATIONS_CONFIG } from '../shared/notifications-config.token';
import { ISSUER_LABELS, KIND_LABELS, type TemplateId } from '../templates/templates.catalog';
import type { IssuerLevel, SupervisionOrder } from './supervision-order.types';
import { SupervisionOrdersRepository, toOrderView } from './supervision-orders.repository';

type CreateRequest = z.infer<typeof createSupervisionOrder.request>;
type ActRequest = z.infer<typeof actOnSupervisionOrder.request>;
type OrderEvent = EventDefinition<z.ZodType<SupervisionOrderEventPayload>>;

/** Roles that may see 督办单 at all; enterprises and auditors never do. */
const READERS = new Set(['admin', 'center_director', 'agent', 'department_officer', 'leader']);

/**
 * 督办单: issued → signed → feedback → reviewed → closed. The feedback limit is a deadline in the reminder
 * engine (`supervision_feedback.<id>`): version 2r−1 runs during feedback round r, version 2r closes it.
 */
@Injectable()
export class SupervisionOrdersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly orders: SupervisionOrdersRepository,
    private readonly deadlines: DeadlinesRepository,
    private readonly reminders: ReminderService,
    private readonly dispatcher: DispatcherService,
    private readonly directory: RecipientDirectory,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  /** The red rung: the park center issues one order per department the item is routed to. */
  async issueAutomaticInTransaction(m: EntityManager, deadline: Deadline, after: AfterCommit): Promise<void> {
    for (const department of deadline.place.departmentCodes) {
      const order = await this.orders.insert(m, {
        id: randomUUID(),
        origin: 'automatic',
        subjectKind: deadline.kind,
        subjectId: deadline.subjectId,
        subjectTitle: deadline.title,
        deadlineKey: deadline.key,
        deadlineVersion: deadline.version,
        place: deadline.place,
        toDepartmentCode: department,
        issuerLevel: 'park',
        issuedByUserId: null,
        reason: `${KIND_LABELS[deadline.kind]}已超过承诺办结时限`,
        feedbackDays: this.config.SUPERVISION_FEEDBACK_DAYS,
        issuedAt: this.clock.now(),
      });
      if (order) await this.afterIssue(m, order, after);
    }
  }

  async create(caller: Caller, request: CreateRequest): Promise<SupervisionOrder> {
    const level = this.issuerLevelOf(caller);
    const after = new AfterCommit();
    const order = await this.db.transaction(async (m) => {
      const deadline = request.deadlineKey ? await this.deadlines.find(m, request.deadlineKey) : null;
      if (request.deadlineKey && !deadline) throw new DomainError('NOT_FOUND', '督办对象不存在');
      const place = deadline?.place ?? request.place;
      if (!place) throw new DomainError('VALIDATION_FAILED', '请指明督办对象所在园区', { field: 'place' });
      if (!scopeCovers(caller.scope, place)) throw new DomainError('NOT_FOUND', '督办对象不存在');
      const created = await this.orders.insert(m, {
        id: randomUUID(),
        origin: 'manual',
        subjectKind: request.subject.kind,
        subjectId: request.subject.id,
        subjectTitle: request.subject.title,
        deadlineKey: request.deadlineKey ?? null,
        deadlineVersion: null,
        place,
        toDepartmentCode: request.toDepartmentCode,
        issuerLevel: level,
        issuedByUserId: caller.userId,
        reason: request.reason,
        feedbackDays: request.feedbackDays ?? this.config.SUPERVISION_FEEDBACK_DAYS,
        issuedAt: this.clock.now(),
      });
      if (!created) throw new DomainError('CONFLICT');
      return this.afterIssue(m, created, after);
    });
    await after.run();
    return order;
  }

  async get(caller: Caller, id: string): Promise<SupervisionOrder> {
    const order = await this.orders.get(this.db.manager, id);
    return this.visible(caller, order);
  }

  async list(caller: Caller, filter: { status?: SupervisionOrder['status']; limit: number; offset: number }) {
    const scope = READERS.has(caller.role) ? caller.scope : { kind: 'none' as const };
    const { items, total } = await this.orders.list(this.db.manager, scope, filter);
    return { items: items.map(toOrderView), total };
  }

  async act(caller: Caller, request: ActRequest): Promise<SupervisionOrder> {
    const after = new AfterCommit();
    const result = await this.db.transaction(async (m) => {
      const order = this.visible(caller, await this.orders.lock(m, request.id));
      if (request.expectedVersion !== undefined && request.expectedVersion !== order.version) {
        throw new DomainError('VERSION_CONFLICT');
      }
      const now = this.clock.now();
      switch (request.action) {
        case 'sign':
          this.requireDepartment(caller, order);
          this.requireStatus(order, 'issued');
          await this.orders.update(m, order.id, {
            status: 'signed',
            signed_at: now,
            signed_by: caller.userId,
          });
          return this.afterChange(
            m,
            order.id,
            supervisionOrderSigned,
            'supervision.signed',
            await this.reviewers(order),
            {},
            after,
          );
        case 'feedback':
          this.requireDepartment(caller, order);
          this.requireStatus(order, 'signed');
          await this.orders.update(m, order.id, {
            status: 'feedback',
            feedback: request.text,
            feedback_at: now,
            feedback_by: caller.userId,
          });
          await this.feedbackDeadline(m, order, order.feedbackRound, true, after);
          return this.afterChange(
            m,
            order.id,
            supervisionOrderFeedbackSubmitted,
            'supervision.feedbackSubmitted',
            await this.reviewers(order),
            { feedback: request.text },
            after,
          );
        case 'review': {
          this.requireReviewer(caller, order);
          this.requireStatus(order, 'feedback');
          if (request.accepted) {
            await this.orders.update(m, order.id, {
              status: 'reviewed',
              review_note: request.note,
              reviewed_at: now,
              reviewed_by: caller.userId,
            });
            return this.afterChange(
              m,
              order.id,
              supervisionOrderReviewed,
              'supervision.reviewed',
              await this.department(order),
              {},
              after,
            );
          }
          const round = order.feedbackRound + 1;
          await this.orders.update(m, order.id, {
            status: 'signed',
            review_note: request.note,
            feedback_round: round,
          });
          const reopened = { ...order, feedbackRound: round };
          await this.feedbackDeadline(m, reopened, round, false, after);
          const dueAt = (await this.deadlines.find(m, this.feedbackKey(order.id)))?.dueAt ?? null;
          return this.afterChange(
            m,
            order.id,
            supervisionOrderReturned,
            'supervision.returned',
            await this.department(order),
            { note: request.note || '—', feedbackDue: this.dateOf(dueAt) },
            after,
          );
        }
        case 'close':
          this.requireReviewer(caller, order);
          this.requireStatus(order, 'reviewed');
          await this.orders.update(m, order.id, {
            status: 'closed',
            closed_at: now,
            closed_by: caller.userId,
          });
          return this.afterChange(
            m,
            order.id,
            supervisionOrderClosed,
            'supervision.closed',
            await this.department(order),
            {},
            after,
          );
      }
    });
    await after.run();
    return result;
  }

  private async afterIssue(m: EntityManager, order: SupervisionOrder, after: AfterCommit) {
    await this.feedbackDeadline(m, order, 1, false, after);
    const dueAt = (await this.deadlines.find(m, this.feedbackKey(order.id)))?.dueAt ?? null;
    return this.afterChange(
      m,
      order.id,
      supervisionOrderIssued,
      'supervision.issued',
      await this.department(order),
      {
        issuer: ISSUER_LABELS[order.issuerLevel],
        reason: order.reason,
        feedbackDue: this.dateOf(dueAt),
      },
      after,
    );
  }

  /** Publishes the event, notifies, and returns the order as it now stands. */
  private async afterChange(
    m: EntityManager,
    id: string,
    event: OrderEvent,
    template: TemplateId,
    recipients: Recipient[],
    params: Record<string, string>,
    after: AfterCommit,
  ): Promise<SupervisionOrder> {
    const order = (await this.orders.get(m, id))!;
    await this.outbox.append(m, event, {
      aggregateId: order.id,
      aggregateVersion: order.version,
      payload: {
        orderId: order.id,
        number: order.number,
        status: order.status,
        version: order.version,
        origin: order.origin,
        subjectKind: order.subjectKind,
        subjectId: order.subjectId,
        toDepartmentCode: order.toDepartmentCode,
        issuerLevel: order.issuerLevel,
        place: order.place,
      },
    });
    await this.dispatcher.dispatchInTransaction(
      m,
      {
        sourceKey: `supervision.${order.id}.${template.split('.')[1]}.v${order.version}`,
        template,
        params: {
          number: order.number,
          kindLabel: KIND_LABELS[order.subjectKind],
          title: order.subjectTitle,
          ...params,
        },
        recipients,
        subject: { kind: 'supervision_order', id: order.id },
        place: order.place,
        groupRobots: template === 'supervision.issued',
      },
      after,
    );
    return order;
  }

  private feedbackKey(orderId: string): string {
    return `supervision_feedback.${orderId}`;
  }

  private async feedbackDeadline(
    m: EntityManager,
    order: SupervisionOrder,
    round: number,
    closed: boolean,
    after: AfterCommit,
  ): Promise<void> {
    await this.reminders.upsertInTransaction(
      m,
      {
        kind: 'supervision_feedback',
        subjectId: order.id,
        title: `督办单 ${order.number}：${order.subjectTitle}`,
        version: closed ? 2 * round : 2 * round - 1,
        closed,
        timeLimit: { acceptedOn: shanghaiDateOf(this.clock.now()), limit: order.feedbackDays },
        place: { ...order.place, departmentCodes: [order.toDepartmentCode] },
        subjects: { issuerUserId: order.issuedByUserId },
      },
      after,
    );
  }

  private dateOf(at: Date | null): string {
    return at ? shanghaiDateOf(at) : '—';
  }

  private department(order: SupervisionOrder): Promise<Recipient[]> {
    return this.directory.find({
      role: 'department_officer',
      departmentCodes: [order.toDepartmentCode],
      countyCode: order.place.countyCode,
    });
  }

  /** The issuer when a person issued it, else the park's center directors (automatic orders). */
  private async reviewers(order: SupervisionOrder): Promise<Recipient[]> {
    if (order.issuedByUserId) {
      const [known] = await this.directory.findByIds([order.issuedByUserId]);
      return [known ?? unknownRecipient(order.issuedByUserId)];
    }
    return this.directory.find({ role: 'center_director', parkId: order.place.parkId });
  }

  private visible(caller: Caller, order: SupervisionOrder | null): SupervisionOrder {
    const resource = order && { ...order.place, departmentCodes: [order.toDepartmentCode] };
    if (!order || !READERS.has(caller.role) || !scopeCovers(caller.scope, resource!)) {
      throw new DomainError('NOT_FOUND', '督办单不存在');
    }
    return order;
  }

  private issuerLevelOf(caller: Caller): IssuerLevel {
    if (caller.role === 'center_director' && caller.scope.kind === 'park') return 'park';
    if (caller.role === 'leader' && caller.scope.kind === 'county') return 'county';
    if (caller.role === 'leader' && caller.scope.kind === 'city') return 'city';
    throw new DomainError('FORBIDDEN', '只有园区企业服务中心主任和领导可以发出督办单');
  }

  private requireDepartment(caller: Caller, order: SupervisionOrder): void {
    const ok =
      caller.role === 'admin' ||
      (caller.role === 'department_officer' &&
        caller.scope.kind === 'department' &&
        caller.scope.departmentCode === order.toDepartmentCode);
    if (!ok) throw new DomainError('FORBIDDEN', '只有责任部门可以签收和反馈督办单');
  }

  /** The issuing level reviews and closes: a city order is not closed by a county. */
  private requireReviewer(caller: Caller, order: SupervisionOrder): void {
    const rank: Record<IssuerLevel, number> = { park: 0, county: 1, city: 2 };
    let level: IssuerLevel | null = null;
    if (caller.role === 'admin') level = 'city';
    else if (caller.role === 'center_director' && caller.scope.kind === 'park') level = 'park';
    else if (caller.role === 'leader') level = caller.scope.kind === 'city' ? 'city' : 'county';
    if (!level || rank[level] < rank[order.issuerLevel]) {
      throw new DomainError('FORBIDDEN', '只有督办发起层级可以复核和销号');
    }
  }

  private requireStatus(order: SupervisionOrder, expected: SupervisionOrder['status']): void {
    if (order.status !== expected) throw new DomainError('ILLEGAL_TRANSITION');
  }
}
