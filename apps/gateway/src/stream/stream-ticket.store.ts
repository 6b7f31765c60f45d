import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@daiban/database';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';

/** Makes stream tickets single-use across every gateway replica. */
@Injectable()
export class StreamTicketStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  private key(jti: string): string {
    const ns = this.config.EVENT_NAMESPACE || 'daiban';
    return `gw:${ns}:ticket:${jti}`;
  }

  /** True the first time a ticket is presented, false ever after. */
  async consume(jti: string): Promise<boolean> {
    const ttlMs = (this.config.STREAM_TICKET_TTL_SECONDS + 60) * 1000;
    return (await this.redis.set(this.key(jti), '1', 'PX', ttlMs, 'NX')) === 'OK';
  }
}
