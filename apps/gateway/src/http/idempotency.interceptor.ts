import { createHash } from 'node:crypto';
import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  SetMetadata,
  StreamableFile,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type Redis from 'ioredis';
import { catchError, from, mergeMap, of, type Observable } from 'rxjs';
import type { FastifyReply } from 'fastify';
import { DomainError } from '@daiban/contracts';
import { REDIS } from '@daiban/database';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { MESSAGES } from '../messages';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** How long a finished answer is replayed, and how long a request in flight holds its key. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const IN_FLIGHT_TTL_MS = 60 * 1000;
const NOT_REPLAYABLE_KEY = 'daiban:not-replayable';

/**
 * The route ignores `Idempotency-Key`: its answer must not be kept (personal data revealed) or is
 * single-use by design (a stream ticket, a dashboard cookie). Its effects are reads or are audited.
 */
export const NotReplayable = () => SetMetadata(NOT_REPLAYABLE_KEY, true);

interface Stored {
  state: 'pending' | 'done';
  fingerprint: string;
  body?: unknown;
}

/** Key order does not change a JSON body's meaning, so it does not change its fingerprint either. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/**
 * `Idempotency-Key` on a state-changing request (IETF draft-ietf-httpapi-idempotency-key-header): the
 * first request with a key runs; a retry with the same key, caller and route gets the first answer
 * again (header `Idempotent-Replayed: true`) without running twice; the same key with another body or
 * URL is refused (422), and a retry while the first is still running waits its turn (409). Only 2xx
 * answers are kept (24 h, Redis): after an error the key is free and the client may retry. Public
 * routes (login, refresh: tokens) and @NotReplayable() routes ignore the header.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly prefix: string;

  constructor(
    private readonly reflector: Reflector,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.prefix = `gw:${config.EVENT_NAMESPACE || 'daiban'}:idem`;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (
      header === undefined ||
      !MUTATING.has(request.method) ||
      !request.caller ||
      this.reflector.getAllAndOverride<boolean>(NOT_REPLAYABLE_KEY, [
        context.getHandler(),
        context.getClass(),
      ])
    )
      return next.handle();
    if (typeof header !== 'string' || !KEY_PATTERN.test(header))
      throw new DomainError('VALIDATION_FAILED', MESSAGES.idempotencyKeyInvalid, [
        { field: 'Idempotency-Key', message: MESSAGES.idempotencyKeyInvalid },
      ]);
    const route = `${request.method} ${request.routeOptions?.url ?? request.url.split('?')[0]}`;
    const key = `${this.prefix}:${createHash('sha256')
      .update(JSON.stringify([request.caller.userId, route, header]))
      .digest('hex')}`;
    const fingerprint = createHash('sha256')
      .update(
        JSON.stringify([
          request.url,
          request.headers['content-type'] ?? null,
          request.body === undefined ? (request.headers['content-length'] ?? null) : canonical(request.body),
        ]),
      )
      .digest('hex');
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(this.claim(key, fingerprint)).pipe(
      mergeMap((previous) => {
        // The status is the route's own (@HttpCode), set by the router for the replay as the first time.
        if (previous) {
          void reply.header(REPLAYED_HEADER, 'true');
          return of(previous.body ?? undefined);
        }
        return next.handle().pipe(
          mergeMap((body: unknown) => from(this.finish(key, fingerprint, body).then(() => body))),
          catchError((error: unknown) =>
            from(
              this.redis.del(key).then(() => {
                throw error;
              }),
            ),
          ),
        );
      }),
    );
  }

  /** null: this request runs; otherwise the answer to replay. */
  private async claim(key: string, fingerprint: string): Promise<Stored | null> {
    const pending: Stored = { state: 'pending', fingerprint };
    const won = await this.redis.set(key, JSON.stringify(pending), 'PX', IN_FLIGHT_TTL_MS, 'NX');
    if (won === 'OK') return null;
    const raw = await this.redis.get(key);
    // Expired between the two calls: the previous holder failed or gave up, so this one runs.
    if (raw === null) return this.claim(key, fingerprint);
    const stored = JSON.parse(raw) as Stored;
    if (stored.fingerprint !== fingerprint)
      throw new DomainError('PRECONDITION_FAILED', MESSAGES.idempotencyKeyReused);
    if (stored.state === 'pending') throw new DomainError('CONFLICT', MESSAGES.idempotencyInFlight);
    return stored;
  }

  /** Reached only on success (errors take the catchError path): keep the JSON answer. */
  private async finish(key: string, fingerprint: string, body: unknown) {
    if (body instanceof StreamableFile || Buffer.isBuffer(body)) {
      await this.redis.del(key);
      return;
    }
    const done: Stored = { state: 'done', fingerprint, body: body ?? null };
    await this.redis.set(key, JSON.stringify(done), 'PX', IDEMPOTENCY_TTL_MS);
  }
}
