import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import type { NotificationsConfig } from '../config';
import { NOTIFICATIONS_CONFIG } from '../shared/notifications-config.token';
import { ChannelSendError, type DeliveryMessage } from './channel-sender.types';
import type { ChannelTarget, SmtpTargetConfig } from './channel-targets.repository';

/** SMTP through the park's or county's server when configured, else the service-wide one. */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private readonly transports = new Map<string, { stamp: number; transport: Transporter }>();

  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig) {}

  async send(target: ChannelTarget | null, message: DeliveryMessage): Promise<void> {
    if (!message.to) throw new ChannelSendError('no email address', true);
    const { transport, from } = await this.transportFor(target);
    try {
      await transport.sendMail({ from, to: message.to, subject: message.title, text: message.body });
    } catch (error) {
      throw new ChannelSendError(`SMTP: ${(error as Error).message}`);
    }
  }

  private async transportFor(
    target: ChannelTarget | null,
  ): Promise<{ transport: Transporter; from: string }> {
    // Required with the first email, not at start: most deployments send none, and it costs ~2 MB of heap.
    const { createTransport } = await import('nodemailer');
    if (target) {
      const config = target.config as SmtpTargetConfig;
      const cached = this.transports.get(target.id);
      if (cached && cached.stamp === target.updatedAt.getTime())
        return { transport: cached.transport, from: config.from };
      cached?.transport.close();
      const transport = createTransport({
        host: config.host,
        port: config.port,
        secure: config.secure,
        auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
        connectionTimeout: 10_000,
      });
      this.transports.set(target.id, { stamp: target.updatedAt.getTime(), transport });
      return { transport, from: config.from };
    }
    if (!this.config.SMTP_URL) throw new ChannelSendError('no SMTP server configured', true);
    let fallback = this.transports.get('default');
    if (!fallback) {
      fallback = { stamp: 0, transport: createTransport(this.config.SMTP_URL) };
      this.transports.set('default', fallback);
    }
    return { transport: fallback.transport, from: this.config.SMTP_FROM };
  }

  onApplicationShutdown(): void {
    for (const { transport } of this.transports.values()) transport.close();
    this.transports.clear();
  }
}
