import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { defer, type Observable } from 'rxjs';
import type { FastifyRequest } from 'fastify';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { ResponseContractInterceptor } from './response-contract.interceptor';

/** The methods the idempotency and audit interceptors act on; every other request passes them untouched. */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The gateway's three global interceptors as one, in the same order (idempotency outermost, then
 * audit, then the response contract). Nest wraps each global interceptor of a request in its own
 * deferred, async-context-bound step; on a read, which the first two let through anyway, that cost
 * more CPU than the schema check itself (bench B1).
 */
@Injectable()
export class GatewayInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyInterceptor,
    private readonly audit: AuditInterceptor,
    private readonly contract: ResponseContractInterceptor,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (
      context.getType() !== 'http' ||
      !STATE_CHANGING.has(context.switchToHttp().getRequest<FastifyRequest>().method)
    )
      return this.contract.intercept(context, next);
    // Deferred as Nest does between interceptors: an inner one that throws while building its pipeline
    // still reaches the outer one as an error (the audit row of a failed request).
    const contract: CallHandler = { handle: () => defer(() => this.contract.intercept(context, next)) };
    const audited: CallHandler = { handle: () => defer(() => this.audit.intercept(context, contract)) };
    return this.idempotency.intercept(context, audited);
  }
}
