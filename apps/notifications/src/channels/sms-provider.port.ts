import { Injectable, Logger } from '@nestjs/common';

/**
 * SMS goes through a provider's registered templates (阿里云, 腾讯云…), never free text: the message is
 * a template code plus parameters. Real providers are configuration behind this port.
 */
export abstract class SmsProvider {
  abstract send(mobile: string, templateCode: string, params: Record<string, string | number>): Promise<void>;
}

const maskMobile = (mobile: string) => `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;

/** Ships for development and tests: logs (with the number masked) instead of sending. */
@Injectable()
export class LoggingSmsProvider extends SmsProvider {
  private readonly logger = new Logger('sms');
  readonly sent: Array<{ mobile: string; templateCode: string }> = [];

  async send(mobile: string, templateCode: string): Promise<void> {
    this.sent.push({ mobile, templateCode });
    this.logger.log(`SMS ${templateCode} to ${maskMobile(mobile)}`);
  }
}
