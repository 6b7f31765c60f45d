import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError, type Caller, type Role } from '@daiban/contracts';
import { TOKEN_TYPES } from '@daiban/auth';
import { HealthController, MetricsController, currentContext } from '@daiban/observability';
import { SessionVerifier } from '../identity/session-verifier.service';
import { StreamTicketStore } from '../stream/stream-ticket.store';
import { AuditService } from '../audit/audit.service';
import { clientIp } from '../http/client-ip';
import { MESSAGES } from '../messages';
import { PUBLIC_ROUTE, ROLES_KEY, STREAM_TICKET_KEY } from './auth.decorators';

export type AuthenticatedRequest = FastifyRequest & { caller?: Caller; sessionId?: string };

/** Probes and the metrics scrape are answered without a token (libs/observability owns them). */
const OPEN_CONTROLLERS: unknown[] = [HealthController, MetricsController];

/**
 * The global guard: every route needs a valid access token unless marked @Public(). It puts the
 * scope-carrying caller on `request.caller` and enforces @Roles(...).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionVerifier,
    private readonly tickets: StreamTicketStore,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (OPEN_CONTROLLERS.includes(context.getClass())) return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();

    const { caller, sessionId } = await this.authenticate(request, targets);
    request.caller = caller;
    request.sessionId = sessionId;
    const ctx = currentContext();
    if (ctx) {
      ctx.userId = caller.userId;
      ctx.role = caller.role;
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(caller.role)) {
      await this.audit.record({
        actor: caller,
        action: 'authorization.denied',
        objectType: 'route',
        objectId: `${request.method} ${request.routeOptions?.url ?? request.url}`,
        result: 'denied',
        errorCode: 'FORBIDDEN',
        ip: clientIp(request),
      });
      throw new DomainError('FORBIDDEN', MESSAGES.roleForbidden);
    }
    return true;
  }

  private async authenticate(
    request: AuthenticatedRequest,
    targets: Parameters<Reflector['getAllAndOverride']>[1],
  ) {
    const header = request.headers.authorization;
    try {
      if (typeof header === 'string' && /^Bearer\s+/i.test(header)) {
        return await this.sessions.callerFor(header.replace(/^Bearer\s+/i, '').trim(), TOKEN_TYPES.access);
      }
      const ticket = (request.query as Record<string, unknown> | undefined)?.ticket;
      if (
        typeof ticket === 'string' &&
        this.reflector.getAllAndOverride<boolean>(STREAM_TICKET_KEY, targets)
      ) {
        const result = await this.sessions.callerFor(ticket, TOKEN_TYPES.streamTicket);
        if (!(await this.tickets.consume(result.jti)))
          throw new DomainError('TOKEN_INVALID', MESSAGES.ticketInvalid);
        return result;
      }
    } catch (error) {
      if (error instanceof DomainError) {
        await this.audit.record({
          actor: null,
          action: 'authentication.rejected',
          objectType: 'route',
          objectId: `${request.method} ${request.routeOptions?.url ?? request.url}`,
          result: 'denied',
          errorCode: error.code,
          ip: clientIp(request),
        });
      }
      throw error;
    }
    throw new DomainError('UNAUTHENTICATED', MESSAGES.tokenMissing);
  }
}
