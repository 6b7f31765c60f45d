/** A failed send. Transient ones are retried with back-off; permanent ones (no address) are not. */
export class ChannelSendError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'ChannelSendError';
  }
}

/** What is stored with a delivery and handed to its channel. */
export interface DeliveryMessage {
  title: string;
  body: string;
  /** email address or mobile number; null for group webhooks. */
  to: string | null;
  smsCode: string;
  smsParams: Record<string, string | number>;
}
