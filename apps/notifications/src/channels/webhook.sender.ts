import { Injectable } from '@nestjs/common';
import { Clock } from '@daiban/calendar';
import { WEBHOOK_FOOTER } from '../templates/templates.catalog';
import { fill } from '../templates/template.renderer';
import { ChannelSendError, type DeliveryMessage } from './channel-sender.types';
import type { WebhookTargetConfig } from './channel-targets.repository';
import { signedDingtalkUrl } from './dingtalk-signature.util';
import { dingtalkMarkdown, wecomMarkdown } from './webhook-formats.util';

const TIMEOUT_MS = 10_000;

/** Both robots answer HTTP 200 with `{ errcode: 0 }` on success; anything else is a failure. */
@Injectable()
export class WebhookSender {
  constructor(private readonly clock: Clock) {}

  async send(
    kind: 'wecom' | 'dingtalk',
    config: WebhookTargetConfig,
    message: DeliveryMessage,
  ): Promise<void> {
    const now = this.clock.now();
    const footer = fill(WEBHOOK_FOOTER, {
      time: new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '),
    });
    const payload =
      kind === 'wecom'
        ? wecomMarkdown(message.title, message.body, footer)
        : dingtalkMarkdown(message.title, message.body, footer);
    const url =
      kind === 'dingtalk' && config.secret
        ? signedDingtalkUrl(config.url, config.secret, now.getTime())
        : config.url;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new ChannelSendError(`${kind} webhook unreachable: ${(error as Error).message}`);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) throw new ChannelSendError(`${kind} webhook answered HTTP ${response.status}`);
    let errcode = 0;
    let errmsg = '';
    try {
      const body = JSON.parse(text) as { errcode?: number; errmsg?: string };
      errcode = body.errcode ?? 0;
      errmsg = body.errmsg ?? '';
    } catch {
      // A 200 without JSON: the robots never answer so, but a proxy might; accept it as delivered.
    }
    if (errcode !== 0) throw new ChannelSendError(`${kind} webhook errcode ${errcode}: ${errmsg}`);
  }
}
