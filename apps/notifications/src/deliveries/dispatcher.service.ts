import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { notificationCreated, type DeliveryChannel, type EventEnvelope } from '@daiban/contracts';
import { Clock, WorkingCalendar } from '@daiban/calendar';
import { OutboxWriter } from '@daiban/messaging';
import { runWithContext } from '@daiban/observability';
import type { NotificationsConfig } from '../config';
import { ChannelTargetsRepository, placeKey } from '../channels/channel-targets.repository';
import type { DeliveryMessage } from '../channels/channel-sender.types';
import { InboxRepository, inboxKey } from '../inbox/inbox.repository';
import { PreferencesRepository, switchesKey } from '../preferences/preferences.repository';
import { nextSendTime } from '../preferences/quiet-hours.util';
import type { Recipient } from '../recipients/recipient.types';
import { AfterCommit } from '../shared/after-commit';
import { NOTIFICATIONS_CONFIG } from '../shared/notifications-config.token';
import { renderTemplate, type TemplateParams } from '../templates/template.renderer';
import type { TemplateId } from '../templates/templates.catalog';
import { DeliveriesRepository, type NewDelivery } from './deliveries.repository';
import { DeliveryJobsRepository } from './delivery-jobs.repository';

export interface DispatchRequest {
  /** What caused the message, e.g. `rung.item.42.red.v3`; with recipient and channel it is the send key. */
  sourceKey: string;
  /**
   * The event this message answers: its `notificationCreated` events carry that event's correlation and
   * name it as their cause, also when a consumer handles a whole batch in the first event's context.
   */
  cause?: EventEnvelope;
  template: TemplateId;
  params: TemplateParams;
  recipients: readonly Recipient[];
  subject?: { kind: string; id: string } | null;
  /** Where the matter sits: picks the SMTP server and, with `groupRobots`, the robots to post to. */
  place?: { parkId: string; countyCode: string } | null;
  groupRobots?: boolean;
  /** Scheduled messages (the 08:30 digest) go out when scheduled, whatever the quiet hours say. */
  ignoreQuietHours?: boolean;
}

/**
 * Turns moments into inbox rows (always) and channel deliveries (email and SMS as preferences allow,
 * whatever the card knows of addresses; group robots), all inside the caller's transaction; the delivery
 * jobs are added after commit.
 */
@Injectable()
export class DispatcherService {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly jobs: DeliveryJobsRepository,
    private readonly preferences: PreferencesRepository,
    private readonly targets: ChannelTargetsRepository,
    private readonly outbox: OutboxWriter,
    private readonly calendar: WorkingCalendar,
    private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  dispatchInTransaction(m: EntityManager, request: DispatchRequest, after: AfterCommit): Promise<void> {
    return this.dispatchManyInTransaction(m, [request], after);
  }

  /**
   * Several moments in five statements whatever their number: the enterprise's inbox waited behind four
   * to six round trips per accepted item, one after another in the consumer's transaction (bench B2).
   */
  async dispatchManyInTransaction(
    m: EntityManager,
    requests: readonly DispatchRequest[],
    after: AfterCommit,
  ): Promise<void> {
    const now = this.clock.now();
    const planned = requests
      .map((request) => {
        const message = renderTemplate(request.template, request.params);
        const notBefore =
          message.urgent || request.ignoreQuietHours
            ? now
            : nextSendTime(this.calendar, now, { start: this.config.WORK_START, end: this.config.WORK_END });
        const recipients = [...new Map(request.recipients.map((r) => [r.userId, r])).values()];
        return { request, message, notBefore, recipients };
      })
      // A rung nobody is named for yet (no agent assigned, no officer of the department known) still
      // fires; it need not read the preferences and targets of nobody (bench B4).
      .filter((p) => p.recipients.length || (p.request.groupRobots && p.request.place));
    if (!planned.length) return;

    const switches = await this.preferences.switchesFor(
      m,
      planned.flatMap((p) => p.recipients.map((r) => ({ userId: r.userId, category: p.message.category }))),
    );
    const places = planned.flatMap((p) => (p.request.place ? [p.request.place] : []));
    const robots = planned.some((p) => p.request.groupRobots && p.request.place);
    const targets = await this.targets.forPlaces(
      m,
      robots ? ['smtp', 'wecom', 'dingtalk'] : ['smtp'],
      places,
    );
    const targetsOf = (p: (typeof planned)[number]) =>
      p.request.place ? targets.get(placeKey(p.request.place))! : [];

    const notified = await this.inbox.insertMany(
      m,
      planned.flatMap((p) =>
        p.recipients.map((r) => ({
          userId: r.userId,
          sourceKey: p.request.sourceKey,
          message: p.message,
          subject: p.request.subject ?? null,
          at: now,
        })),
      ),
    );

    const created: Array<{ subject: string; envelope: EventEnvelope<unknown> }> = [];
    const wanted: NewDelivery[] = [];
    for (const p of planned) {
      const { request, message, notBefore } = p;
      const base = {
        title: message.title,
        body: message.body,
        smsCode: message.smsCode,
        smsParams: request.params,
      };
      const deliver = (
        recipientKey: string,
        channel: DeliveryChannel,
        payload: DeliveryMessage,
        notificationId: string | null,
        targetId: string | null,
      ) =>
        wanted.push({
          sourceKey: request.sourceKey,
          recipientKey,
          channel,
          notificationId,
          targetId,
          notBefore,
          message: payload,
          at: now,
        });
      const smtp = targetsOf(p).find((t) => t.kind === 'smtp') ?? null;
      for (const recipient of p.recipients) {
        const notificationId = notified.get(inboxKey(request.sourceKey, recipient.userId)) ?? null;
        if (notificationId) {
          created.push({
            subject: notificationCreated.subject,
            envelope: inContextOf(request.cause, () =>
              this.outbox.envelope(notificationCreated, {
                aggregateId: notificationId,
                aggregateVersion: 1,
                payload: {
                  notificationId,
                  recipientUserId: recipient.userId,
                  category: message.category,
                  template: message.template,
                  urgent: message.urgent,
                },
              }),
            ),
          });
        }
        // Urgent messages bypass preferences: a red rung or a 督办单 must reach its reader.
        const wants = message.urgent
          ? { email: true, sms: true }
          : switches.get(switchesKey(recipient.userId, message.category))!;
        const key = `user.${recipient.userId}`;
        // Created from preferences alone: a gateway user's address is not known here (cards carry none)
        // and is looked up when the delivery is sent; none then → `skipped`. A card pushed with an
        // address (notifications.recipients.upsert) keeps it on the delivery.
        if (wants.email)
          deliver(key, 'email', { ...base, to: recipient.email }, notificationId, smtp?.id ?? null);
        if (wants.sms) deliver(key, 'sms', { ...base, to: recipient.mobile }, notificationId, null);
      }
      if (request.groupRobots && request.place) {
        for (const target of targetsOf(p).filter((t) => t.kind !== 'smtp')) {
          deliver(
            `target.${target.id}`,
            target.kind as DeliveryChannel,
            { ...base, to: null },
            null,
            target.id,
          );
        }
      }
    }
    await this.outbox.appendMany(m, created);
    const queued = await this.deliveries.insertMany(m, wanted);
    after.collect('deliveries.enqueue', queued, (all) => this.jobs.enqueueBestEffort(all));
  }
}

/** Runs `fn` as the handler of `cause` would (the consumer runner's context); without one, as it is. */
function inContextOf<T>(cause: EventEnvelope | undefined, fn: () => T): T {
  if (!cause) return fn();
  return runWithContext(
    {
      correlationId: cause.correlationId,
      causationId: cause.id,
      userId: cause.actor.userId ?? undefined,
      role: cause.actor.role ?? undefined,
    },
    fn,
  );
}
