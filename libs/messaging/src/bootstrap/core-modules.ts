import { Controller, type DynamicModule, type Type } from '@nestjs/common';
import type { z } from 'zod';
import { servicePing, type ConsumerDefinition } from '@daiban/contracts';
import { Clock, ClockModule } from '@daiban/calendar';
import { DatabaseModule, RedisModule } from '@daiban/database';
import { ObservabilityModule } from '@daiban/observability';
import type { serviceEnv } from '@daiban/config';
import { loadConfigOrExit } from '@daiban/config';
import { MessagingModule } from '../messaging.module';
import { MESSAGING_ENTITIES } from '../messaging.entities';
import { MessagingTables1764201600000 } from '../messaging-tables.migration';
import { RpcHandler } from '../rpc/rpc-handler.decorator';
import { createServiceApp, startServiceApp } from './service-app';

export type ServiceConfig = z.infer<ReturnType<typeof serviceEnv>>;

export interface CoreModuleOptions {
  service: string;
  config: ServiceConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: Function[];
  relay?: boolean;
  consumers?: readonly ConsumerDefinition[];
  redis?: boolean;
  clock?: Clock;
}

/** What every service stands on: health and metrics, the clock, its schema, NATS (and Redis where used). */
export function coreModules(options: CoreModuleOptions): DynamicModule[] {
  const { config } = options;
  const modules: DynamicModule[] = [
    ObservabilityModule.forRoot({ service: options.service }),
    ClockModule.forRoot(options.clock),
    DatabaseModule.forRoot({
      url: config.DATABASE_URL,
      schema: config.DB_SCHEMA,
      entities: [...MESSAGING_ENTITIES, ...(options.entities ?? [])],
      migrations: [MessagingTables1764201600000, ...(options.migrations ?? [])],
      poolSize: config.DATABASE_POOL_SIZE,
      applicationName: options.service,
    }),
    MessagingModule.forRoot({
      service: options.service,
      natsUrl: config.NATS_URL,
      namespace: config.EVENT_NAMESPACE,
      schema: config.DB_SCHEMA,
      relay: options.relay ?? false,
      consumers: options.consumers ?? [],
      rpc: true,
      rpcTimeoutMs: config.RPC_TIMEOUT_MS,
      shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    }),
  ];
  if (options.redis) modules.push(RedisModule.forRoot(config.REDIS_URL));
  return modules;
}

/** Every service answers `<service>.system.ping`, which the gateway and tests use to see it is reachable. */
export function pingHandlerFor(service: string): Type<unknown> {
  @Controller()
  class PingHandler {
    constructor(private readonly clock: Clock) {}

    @RpcHandler(servicePing(service))
    ping() {
      return { service, at: this.clock.now().toISOString() };
    }
  }
  return PingHandler;
}

/** main.ts of a service: validate the environment before Nest starts, then boot and listen. */
export function runService<C extends ServiceConfig>(options: {
  service: string;
  env: z.ZodType<C>;
  module: (config: C) => DynamicModule;
  rpc?: boolean;
}): void {
  const config = loadConfigOrExit(options.env, options.service);
  (async () => {
    const app = await createServiceApp(options.module(config), {
      service: options.service,
      logLevel: config.LOG_LEVEL,
      namespace: config.EVENT_NAMESPACE,
      rpc: options.rpc ?? true,
    });
    await startServiceApp(app, config.HOST, config.PORT);
  })().catch((error: unknown) => {
    process.stderr.write(
      `[${options.service}] failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
