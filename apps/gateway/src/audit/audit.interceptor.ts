import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { DomainError } from '@daiban/contracts';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { clientIp } from '../http/client-ip';
import { AUDIT_ACTION_KEY, SKIP_AUDIT_KEY, type AuditActionOptions } from './audit.decorators';
import { AuditService } from './audit.service';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One audit row for every state-changing request, written before the client sees the answer. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    if (
      !STATE_CHANGING.has(request.method) ||
      this.reflector.getAllAndOverride<boolean>(SKIP_AUDIT_KEY, targets)
    )
      return next.handle();
    const options = this.reflector.get<AuditActionOptions | undefined>(
      AUDIT_ACTION_KEY,
      context.getHandler(),
    );
    const params = (request.params ?? {}) as Record<string, unknown>;
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<
      string,
      unknown
    >;
    const idParam = options?.idParam ?? 'id';
    const write = (result: 'success' | 'failure', errorCode: string | null, responseId?: unknown) =>
      this.audit.record({
        actor: request.caller ?? null,
        action: options?.action ?? `${request.method} ${request.routeOptions?.url ?? request.url}`,
        objectType: options?.objectType ?? null,
        objectId:
          typeof params[idParam] === 'string'
            ? (params[idParam] as string)
            : typeof responseId === 'string'
              ? responseId
              : null,
        result,
        errorCode,
        ip: clientIp(request),
        details: options?.detailFields
          ? Object.fromEntries(options.detailFields.filter((f) => f in body).map((f) => [f, body[f]]))
          : null,
      });
    return next.handle().pipe(
      mergeMap((value: unknown) =>
        from(
          write(
            'success',
            null,
            (value as Record<string, unknown> | null)?.[options?.responseIdField ?? 'id'],
          ).then(() => value),
        ),
      ),
      catchError((error: unknown) =>
        from(
          write('failure', error instanceof DomainError ? error.code : 'INTERNAL').then(() => {
            throw error;
          }),
        ),
      ),
    );
  }
}
