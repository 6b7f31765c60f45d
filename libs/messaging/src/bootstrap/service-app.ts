import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream, LevelWithSilent } from 'pino';
import {
  CORRELATION_HEADER,
  Metrics,
  PinoNestLogger,
  acceptCorrelationId,
  createLogger,
  runWithContext,
} from '@daiban/observability';
import { NatsConnectionManager } from '../jetstream/nats-connection';
import { NatsRpcServer } from '../rpc/nats-rpc.server';

export interface ServiceAppOptions {
  service: string;
  logLevel: LevelWithSilent;
  namespace: string;
  /** Serve @RpcHandler methods over NATS. */
  rpc: boolean;
  bodyLimitBytes?: number;
  trustProxy?: boolean | string | string[];
  /** Where the JSON log lines go; stdout unless given. */
  logDestination?: DestinationStream;
}

/**
 * Builds every app the same way: Fastify, JSON logs carrying the correlation id through HTTP,
 * request-reply and events, metrics per route, and SIGTERM handled by Nest's shutdown hooks.
 */
export async function createServiceApp(
  module: Type<unknown> | DynamicModule,
  options: ServiceAppOptions,
): Promise<NestFastifyApplication> {
  const logger = createLogger(options.service, options.logLevel, options.logDestination);
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    genReqId: (req: { headers: Record<string, unknown> }) =>
      acceptCorrelationId(req.headers[CORRELATION_HEADER]),
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  const metrics = app.get(Metrics);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (req, reply, done) => {
    reply.header(CORRELATION_HEADER, req.id);
    runWithContext({ correlationId: String(req.id) }, done);
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    metrics.httpLatency.observe(
      { method: req.method, route: req.routeOptions?.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
  if (options.rpc) {
    const nats = app.get(NatsConnectionManager);
    app.connectMicroservice(
      {
        strategy: new NatsRpcServer(() => nats.nc, {
          service: options.service,
          namespace: options.namespace,
          metrics,
        }),
      },
      { inheritAppConfig: false },
    );
  }
  app.enableShutdownHooks();
  return app;
}

export async function startServiceApp(
  app: NestFastifyApplication,
  host: string,
  port: number,
): Promise<void> {
  // Module init first: request-reply subscribes on the NATS connection that init opens.
  await app.init();
  await app.startAllMicroservices();
  await app.listen(port, host);
}
