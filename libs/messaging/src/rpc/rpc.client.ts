import { Inject, Injectable } from '@nestjs/common';
import { createInbox, headers as natsHeaders, type Msg, type Subscription } from 'nats';
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

interface Pending {
  pattern: string;
  resolve(msg: Msg): void;
  reject(error: DomainError): void;
  timer: NodeJS.Timeout;
}

/**
 * Typed request-reply: the contract names the subject, both schemas and the timeout.
 *
 * Replies come to one inbox subscription of this client (`<inbox>.<n>`), as `nc.request` does, but
 * without its per-request bookkeeping: it builds a NatsError (with its stack) to cancel every request,
 * even one already answered — the largest single item of the gateway's own code path (bench B1).
 */
@Injectable()
export class RpcClient {
  private inbox: { prefix: string; sub: Subscription } | null = null;
  private readonly pending = new Map<string, Pending>();
  private next = 0;

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
    const inbox = this.replies();
    const token = String((this.next = (this.next + 1) % Number.MAX_SAFE_INTEGER));
    const raw = await new Promise<Msg>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.pending.delete(token);
          reject(new DomainError('UPSTREAM_TIMEOUT', undefined, { pattern: def.pattern }));
        },
        opts.timeoutMs ?? def.timeoutMs ?? this.options.rpcTimeoutMs ?? DEFAULT_RPC_TIMEOUT_MS,
      );
      this.pending.set(token, { pattern: def.pattern, resolve, reject, timer });
      try {
        this.nats.nc.publish(rpcSubject(this.options.namespace, def.pattern), JSON.stringify(request), {
          reply: `${inbox.prefix}.${token}`,
          headers: h,
        });
      } catch {
        // Closed or draining connection, or a request over the server's max_payload.
        clearTimeout(timer);
        this.pending.delete(token);
        reject(new DomainError('UPSTREAM_UNAVAILABLE', undefined, { pattern: def.pattern }));
      }
    });
    const reply = raw.json<RpcReplyMessage<RpcResponse<D>>>();
    if (!reply.ok) throw DomainError.fromBody(reply.error);
    return reply.data;
  }

  private replies(): { prefix: string; sub: Subscription } {
    if (this.inbox && !this.inbox.sub.isClosed()) return this.inbox;
    const prefix = createInbox();
    const sub = this.nats.nc.subscribe(`${prefix}.*`, {
      callback: (error, msg) => {
        if (error) return;
        const token = msg.subject.slice(prefix.length + 1);
        const waiting = this.pending.get(token);
        if (!waiting) return;
        this.pending.delete(token);
        clearTimeout(waiting.timer);
        // The server's own answer when no service subscribes to the subject: empty, status 503.
        if (msg.data.length === 0 && msg.headers?.code === 503)
          waiting.reject(new DomainError('UPSTREAM_UNAVAILABLE', undefined, { pattern: waiting.pattern }));
        else waiting.resolve(msg);
      },
    });
    this.inbox = { prefix, sub };
    return this.inbox;
  }
}
