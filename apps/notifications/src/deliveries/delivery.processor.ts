import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { Clock } from '@daiban/calendar';
import { faultPoint } from '@daiban/messaging';
import { ChannelSendError } from '../channels/channel-sender.types';
import { ChannelTargetsRepository, type WebhookTargetConfig } from '../channels/channel-targets.repository';
import { EmailSender } from '../channels/email.sender';
import { SmsProvider } from '../channels/sms-provider.port';
import { WebhookSender } from '../channels/webhook.sender';
import { ContactLookup } from '../recipients/contact-lookup.service';
import { DeliveriesRepository, type Delivery } from './deliveries.repository';
import type { DeliveryJobData } from './delivery-jobs.repository';

const USER_KEY = 'user.';
/** `status: skipped` with this reason: the person has no address on the channel (or is disabled). */
export const NO_ADDRESS = 'no address';

/**
 * Sends one delivery. BullMQ retries with exponential back-off; every attempt and the final status are
 * recorded in PostgreSQL. Jobs run at least once, so a delivery already sent is never sent again.
 */
@Injectable()
export class DeliveryProcessor {
  private readonly logger = new Logger('deliveries');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly deliveries: DeliveriesRepository,
    private readonly targets: ChannelTargetsRepository,
    private readonly email: EmailSender,
    private readonly webhooks: WebhookSender,
    private readonly sms: SmsProvider,
    private readonly clock: Clock,
    private readonly contacts: ContactLookup,
  ) {}

  async process(job: Job<DeliveryJobData>, token?: string): Promise<void> {
    const delivery = await this.deliveries.get(this.db.manager, job.data.deliveryId);
    if (!delivery || !['queued', 'retrying'].includes(delivery.status)) return;
    const wait = delivery.notBefore.getTime() - this.clock.now().getTime();
    if (wait > 0) {
      // Woken early (clock skew, a re-armed job): go back to sleep for the rest of the quiet hours.
      await job.moveToDelayed((job.processedOn ?? job.timestamp) + wait, token);
      throw new DelayedError();
    }
    let message = delivery.message;
    if (delivery.channel === 'email' || delivery.channel === 'sms') {
      let to: string | null;
      try {
        to = await this.addressOf(delivery);
      } catch (error) {
        // The gateway did not answer: retried like a failed send, with an attempt recorded.
        const attempt = await this.deliveries.startAttempt(this.db.manager, delivery.id, this.clock.now());
        const reason = error instanceof Error ? error.message : String(error);
        return this.failed(job, delivery, attempt, new ChannelSendError(`contact lookup: ${reason}`));
      }
      if (to === null) {
        await this.deliveries.recordSkipped(this.db.manager, delivery.id, NO_ADDRESS, this.clock.now());
        return;
      }
      message = { ...message, to };
    }
    const attempt = await this.deliveries.startAttempt(this.db.manager, delivery.id, this.clock.now());
    try {
      await this.send({ ...delivery, message });
    } catch (error) {
      return this.failed(job, delivery, attempt, error);
    }
    faultPoint('delivery.afterSendBeforeRecord');
    await this.db.transaction((m) => this.deliveries.recordSent(m, delivery.id, attempt, this.clock.now()));
  }

  private async failed(
    job: Job<DeliveryJobData>,
    delivery: Delivery,
    attempt: number,
    error: unknown,
  ): Promise<never> {
    const permanent = error instanceof ChannelSendError && error.permanent;
    const final = permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const reason = error instanceof Error ? error.message : String(error);
    // Status and attempt row commit together: readers never see a status without its attempt.
    await this.db.transaction((m) =>
      this.deliveries.recordFailure(m, delivery.id, attempt, reason, final, this.clock.now()),
    );
    if (final) this.logger.warn(`delivery ${delivery.id} (${delivery.channel}) failed for good: ${reason}`);
    throw permanent ? new UnrecoverableError(reason) : error;
  }

  /**
   * Where a person's e-mail or SMS goes: the address on the delivery when its card carried one (cards
   * pushed through `notifications.recipients.upsert`), else the gateway's answer at send time — used
   * for this send only and never stored. Null: nothing to send to (unknown, disabled or no address).
   */
  private async addressOf(delivery: Delivery): Promise<string | null> {
    if (delivery.message.to) return delivery.message.to;
    if (!delivery.recipientKey.startsWith(USER_KEY)) return null;
    const contact = await this.contacts.contactOf(delivery.recipientKey.slice(USER_KEY.length));
    if (!contact?.enabled) return null;
    return (delivery.channel === 'email' ? contact.email : contact.phone) ?? null;
  }

  private async send(delivery: Delivery): Promise<void> {
    const target = delivery.targetId ? await this.targets.get(this.db.manager, delivery.targetId) : null;
    switch (delivery.channel) {
      case 'email':
        return this.email.send(target, delivery.message);
      case 'sms':
        if (!delivery.message.to) throw new ChannelSendError('no mobile number', true);
        return this.sms.send(delivery.message.to, delivery.message.smsCode, delivery.message.smsParams);
      case 'wecom':
      case 'dingtalk':
        if (!target || !target.enabled)
          throw new ChannelSendError('webhook target removed or disabled', true);
        return this.webhooks.send(delivery.channel, target.config as WebhookTargetConfig, delivery.message);
    }
  }
}
