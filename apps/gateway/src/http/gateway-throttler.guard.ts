import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { HealthController, MetricsController } from '@daiban/observability';
import { DomainError } from '@daiban/contracts';
import type { ThrottlerLimitDetail } from '@nestjs/throttler';

/**
 * Per-IP limits, keyed on Fastify's `request.ip` — which believes X-Forwarded-For only from
 * TRUSTED_PROXIES, so a client cannot reset its counter by inventing addresses.
 */
@Injectable()
export class GatewayThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    // Request-reply from other services (gateway.users.contacts) is not client traffic.
    if (context.getType() !== 'http') return true;
    const type = context.getClass();
    return type === HealthController || type === MetricsController;
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return String(req.ip);
  }

  /** The library's key, not hashed: a SHA-256 per request bought nothing (bench B1). */
  protected override generateKey(context: ExecutionContext, suffix: string, name: string): string {
    return `${context.getClass().name}-${context.getHandler().name}-${name}-${suffix}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new DomainError('RATE_LIMITED', undefined, { retryAfterSeconds: detail.timeToBlockExpire });
  }
}
