import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { Msg, NatsConnection, Subscription } from 'nats';
import { rpcSubject, type ErrorBody } from '@daiban/contracts';
import { CORRELATION_HEADER, Metrics, acceptCorrelationId, runWithContext } from '@daiban/observability';
import type { RpcReplyMessage, RpcRequestMessage } from './rpc-wire';
import { DomainError, isErrorBody } from '@daiban/contracts';

const REPLY_TOO_LARGE = '查询结果过大，请缩小范围（按区县、园区或时间筛选）后重试';
import { toErrorBody } from './rpc-error.filter';

/**
 * Request-reply on core NATS with a queue group per service, so replicas share the load.
 * A small custom transport rather than Nest's NATS transport: it namespaces subjects, carries the
 * correlation id in headers and keeps domain errors intact.
 */
export class NatsRpcServer extends Server implements CustomTransportStrategy {
  private readonly log = new Logger('rpc-server');
  private subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly connection: () => NatsConnection,
    private readonly options: { service: string; namespace: string; metrics?: Metrics },
  ) {
    super();
  }

  listen(callback: () => void): void {
    const nc = this.connection();
    for (const pattern of this.messageHandlers.keys()) {
      const subject = rpcSubject(this.options.namespace, pattern);
      const sub = nc.subscribe(subject, {
        queue: this.options.service,
        callback: (error, msg) => {
          if (error) {
            this.log.error(`subscription ${subject}: ${error.message}`);
            return;
          }
          const task = this.answer(pattern, msg);
          this.inFlight.add(task);
          void task.finally(() => this.inFlight.delete(task));
        },
      });
      this.subscriptions.push(sub);
    }
    callback();
  }

  async close(): Promise<void> {
    for (const sub of this.subscriptions) sub.unsubscribe();
    this.subscriptions = [];
    await Promise.allSettled([...this.inFlight]);
  }

  on(): void {
    throw new Error('NatsRpcServer has no events to listen to');
  }

  unwrap<T>(): T {
    return this.connection() as T;
  }

  private async answer(pattern: string, msg: Msg): Promise<void> {
    const started = performance.now();
    const correlationId = acceptCorrelationId(msg.headers?.get(CORRELATION_HEADER));
    let reply: RpcReplyMessage;
    try {
      const request = msg.json<RpcRequestMessage>();
      const handler = this.messageHandlers.get(pattern)!;
      reply = await runWithContext(
        { correlationId, userId: request?.caller?.userId, role: request?.caller?.role },
        async () => {
          const result = await handler(request, undefined);
          const data = isObservable(result) ? await lastValueFrom(result) : result;
          return { ok: true as const, data: data ?? null };
        },
      );
    } catch (error) {
      reply = { ok: false, error: isErrorBody(error) ? (error as ErrorBody) : toErrorBody(error, this.log) };
    }
    this.options.metrics?.rpcLatency.observe(
      { pattern, outcome: reply.ok ? 'ok' : reply.error.code },
      (performance.now() - started) / 1000,
    );
    if (!msg.reply) return;
    try {
      msg.respond(JSON.stringify(reply));
    } catch (error) {
      // Above NATS's max_payload (1 MiB by default) `respond` throws; uncaught, it took the whole service
      // down (a city-wide quarterly report at ten years, bench B5). The caller gets an answer instead.
      this.log.error(`${pattern}: reply not sent: ${(error as Error).message}`);
      const tooLarge: RpcReplyMessage = {
        ok: false,
        error: new DomainError('INTERNAL', REPLY_TOO_LARGE).toBody(),
      };
      msg.respond(JSON.stringify(tooLarge));
    }
  }
}
