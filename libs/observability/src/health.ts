import { Controller, Get, HttpCode, Inject, Injectable, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Metrics } from './metrics';

/** A named dependency the app needs to serve traffic (postgres, nats, redis…). */
export interface HealthIndicator {
  readonly name: string;
  check(): Promise<void>;
}

@Injectable()
export class HealthRegistry {
  private readonly indicators = new Map<string, HealthIndicator>();

  register(indicator: HealthIndicator): void {
    this.indicators.set(indicator.name, indicator);
  }

  async check(
    timeoutMs = 2000,
  ): Promise<{ ready: boolean; checks: Record<string, { status: 'up' | 'down'; error?: string }> }> {
    const entries = await Promise.all(
      [...this.indicators.values()].map(async (indicator) => {
        try {
          await withTimeout(
            indicator.check(),
            timeoutMs,
            `${indicator.name} did not answer within ${timeoutMs} ms`,
          );
          return [indicator.name, { status: 'up' as const }] as const;
        } catch (error) {
          return [
            indicator.name,
            { status: 'down' as const, error: error instanceof Error ? error.message : String(error) },
          ] as const;
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    return { ready: entries.every(([, result]) => result.status === 'up'), checks };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export const SERVICE_NAME = Symbol('SERVICE_NAME');

@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthRegistry,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  @Get('health/live')
  @HttpCode(200)
  live() {
    return { status: 'ok', service: this.service };
  }

  @Get('health/ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.health.check();
    reply.status(result.ready ? 200 : 503);
    return { status: result.ready ? 'ready' : 'not_ready', service: this.service, checks: result.checks };
  }
}

@Controller()
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get('metrics')
  async metricsText(@Res({ passthrough: true }) reply: FastifyReply) {
    reply.header('Content-Type', this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
