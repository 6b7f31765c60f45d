import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode as NatsErrorCode, headers as natsHeaders, type NatsError } from 'nats';
import {
  DomainError,
  rpcSubject,
  type Caller,
  type RpcDefinition,
  type RpcRequest,
  type RpcResponse,
} from '@daiban/contracts';
import { CORRELATION_HEADER, currentCorrelationId } from '@daiban/observability';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { NatsConnectionManager } from '../jetstream/nats-connection';
import type { RpcReplyMessage, RpcRequestMessage } from './rpc-wire';

export const DEFAULT_RPC_TIMEOUT_MS = 5000;

/** Typed request-reply: the contract names the subject, both schemas and the timeout. */
@Injectable()
export class RpcClient {
  constructor(
    private readonly nats: NatsConnectionManager,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions & { rpcTimeoutMs?: number },
  ) {}

  async call<D extends RpcDefinition>(
    def: D,
    data: RpcRequest<D>,
    opts: { caller: Caller | null; timeoutMs?: number },
  ): Promise<RpcResponse<D>> {
    const h = natsHeaders();
    h.set(CORRELATION_HEADER, currentCorrelationId());
    const request: RpcRequestMessage = { data, caller: opts.caller };
    let raw;
    try {
      raw = await this.nats.nc.request(
        rpcSubject(this.options.namespace, def.pattern),
        JSON.stringify(request),
        {
          timeout: opts.timeoutMs ?? def.timeoutMs ?? this.options.rpcTimeoutMs ?? DEFAULT_RPC_TIMEOUT_MS,
          headers: h,
        },
      );
    } catch (error) {
      const code = (error as NatsError).code;
      if (code === NatsErrorCode.Timeout)
        throw new DomainError('UPSTREAM_TIMEOUT', undefined, { pattern: def.pattern });
      if (code === NatsErrorCode.NoResponders)
        throw new DomainError('UPSTREAM_UNAVAILABLE', undefined, { pattern: def.pattern });
      throw new DomainError('UPSTREAM_UNAVAILABLE', undefined, { pattern: def.pattern });
    }
    const reply = raw.json<RpcReplyMessage<RpcResponse<D>>>();
    if (!reply.ok) throw DomainError.fromBody(reply.error);
    return reply.data;
  }
}
