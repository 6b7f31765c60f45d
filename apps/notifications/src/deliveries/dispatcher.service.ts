import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { notificationCreated, type DeliveryChannel } from '@daiban/contracts';
import { Clock, WorkingCalendar } from '@daiban/calendar';
import { OutboxWriter } from '@daiban/messaging';
import type { NotificationsConfig } from '../config';
import { ChannelTargetsRepository } from '../channels/channel-targets.repository';
import type { DeliveryMessage } from '../channels/channel-sender.types';
import { InboxRepository } from '../inbox/inbox.repository';
import { PreferencesRepository } from '../preferences/preferences.repository';
import { nextSendTime } from '../preferences/quiet-hours.util';
import type { Recipient } from '../recipients/recipient.types';
import { AfterCommit } from '../shared/after-commit';
import { NOTIFICATIONS_CONFIG } from '../shared/notifications-config.token';
import { renderTemplate, type TemplateParams } from '../templates/template.renderer';
import type { TemplateId } from '../templates/templates.catalog';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryJobsRepository } from './delivery-jobs.repository';

export interface DispatchRequest {
  /** What caused the message, e.g. `rung.item.42.red.v3`; with recipient and channel it is the send key. */
  sourceKey: string;
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
 * Turns one moment into inbox rows (always) and channel deliveries (email and SMS as preferences allow,
 * whatever the card knows of addresses; group robots), all inside the caller's transaction; the delivery jobs are added after commit.
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

  async dispatchInTransaction(m: EntityManager, request: DispatchRequest, after: AfterCommit): Promise<void> {
    const now = this.clock.now();
    const message = renderTemplate(request.template, request.params);
    const notBefore =
      message.urgent || request.ignoreQuietHours
        ? now
        : nextSendTime(this.calendar, now, { start: this.config.WORK_START, end: this.config.WORK_END });
    const recipients = [...new Map(request.recipients.map((r) => [r.userId, r])).values()];
    // A rung nobody is named for yet (no agent assigned, no officer of the department known) still
    // fires; it need not read the preferences and targets of nobody (bench B4).
    if (!recipients.length && !(request.groupRobots && request.place)) return;
    const switches = await this.preferences.switchesFor(
      m,
      recipients.map((r) => r.userId),
      message.category,
    );
    const smtp = request.place
      ? ((await this.targets.forPlace(m, ['smtp'], request.place))[0] ?? null)
      : null;
    const queued: Array<{ id: string; notBefore: Date }> = [];
    const base = {
      title: message.title,
      body: message.body,
      smsCode: message.smsCode,
      smsParams: request.params,
    };
    const deliver = async (
      recipientKey: string,
      channel: DeliveryChannel,
      payload: DeliveryMessage,
      notificationId: string | null,
      targetId: string | null,
    ) => {
      const row = await this.deliveries.insertOnce(m, {
        sourceKey: request.sourceKey,
        recipientKey,
        channel,
        notificationId,
        targetId,
        notBefore,
        message: payload,
        at: now,
      });
      if (row) queued.push(row);
    };

    for (const recipient of recipients) {
      const notificationId = await this.inbox.insertOnce(m, {
        userId: recipient.userId,
        sourceKey: request.sourceKey,
        message,
        subject: request.subject ?? null,
        at: now,
      });
      if (notificationId) {
        await this.outbox.append(m, notificationCreated, {
          aggregateId: notificationId,
          aggregateVersion: 1,
          payload: {
            notificationId,
            recipientUserId: recipient.userId,
            category: message.category,
            template: message.template,
            urgent: message.urgent,
          },
        });
      }
      // Urgent messages bypass preferences: a red rung or a 督办单 must reach its reader.
      const wants = message.urgent ? { email: true, sms: true } : switches.get(recipient.userId)!;
      const key = `user.${recipient.userId}`;
      // Created from preferences alone: a gateway user's address is not known here (cards carry none)
      // and is looked up when the delivery is sent; none then → `skipped`. A card pushed with an
      // address (notifications.recipients.upsert) keeps it on the delivery.
      if (wants.email) {
        await deliver(key, 'email', { ...base, to: recipient.email }, notificationId, smtp?.id ?? null);
      }
      if (wants.sms) {
        await deliver(key, 'sms', { ...base, to: recipient.mobile }, notificationId, null);
      }
    }

    if (request.groupRobots && request.place) {
      for (const target of await this.targets.forPlace(m, ['wecom', 'dingtalk'], request.place)) {
        await deliver(
          `target.${target.id}`,
          target.kind as DeliveryChannel,
          { ...base, to: null },
          null,
          target.id,
        );
      }
    }
    after.add(() => this.jobs.enqueueBestEffort(queued));
  }
}
