import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CORRELATION_HEADER } from '@daiban/observability';
import type { GatewayConfig } from '../config';
import { SessionVerifier } from '../identity/session-verifier.service';
import { AuditService } from '../audit/audit.service';
import { mountQueueBoard } from './queue-board';
import { routeInterceptors } from './route-interceptors';
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from './idempotency.interceptor';

/**
 * The OpenAPI document of every route the app's modules declare. Needs no running infrastructure:
 * `scripts/gen-api-client.ts` calls it on an app created in Nest's preview mode.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('代办 Daiban API')
      .setDescription(
        '湛江园区投资项目审批代办平台。错误响应统一为 {code, message, details?}；未列出的字段一律拒绝。',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
}

/** helmet's settings for every answer of the gateway. */
export function helmetOptions(config: GatewayConfig): HelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        // Swagger UI and bull-board ship inline bootstrapping scripts and styles.
        scriptSrc: [`'self'`, `'unsafe-inline'`],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:'],
        connectSrc: [`'self'`],
        frameAncestors: [`'none'`],
      },
    },
    strictTransportSecurity: config.NODE_ENV === 'production',
  };
}

/**
 * The headers helmet sets, taken once from its middleware: with these settings (no per-request nonce or
 * other function) they are the same for every answer. Running its dozen middlewares per request was about
 * 3 % of the gateway's CPU per case read (bench B1); @fastify/helmet, before, also rebuilt them each time.
 * helmet's only other effect, removing X-Powered-By, has nothing to remove: Fastify never sets it.
 */
export function precomputedSecurityHeaders(config: GatewayConfig): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  const recorder = {
    setHeader: (name: string, value: string) => headers.push([name, value]),
    removeHeader: () => undefined,
  };
  helmet(helmetOptions(config))(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    (error?: unknown) => {
      if (error) throw error;
    },
  );
  return headers;
}

/**
 * What only the gateway adds to the common service app: security headers, CORS from config,
 * no-store on everything personal, the OpenAPI document and the queue dashboard.
 * Call between createServiceApp and startServiceApp.
 */
export async function configureGatewayApp(app: NestFastifyApplication, config: GatewayConfig): Promise<void> {
  routeInterceptors(app);
  const fastify = app.getHttpAdapter().getInstance();

  const securityHeaders = precomputedSecurityHeaders(config);
  fastify.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of securityHeaders) reply.raw.setHeader(name, value);
    done();
  });

  // Uploads are read as streams by the routes (each sets its own size limit); nothing is buffered here.
  await app.register(multipart, { limits: { files: 1, fields: 10, fieldSize: 4096, parts: 12 } });

  if (config.CORS_ORIGINS.length) {
    app.enableCors({
      origin: config.CORS_ORIGINS,
      credentials: false,
      methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
      allowedHeaders: [
        'authorization',
        'content-type',
        'last-event-id',
        CORRELATION_HEADER,
        IDEMPOTENCY_HEADER,
      ],
      exposedHeaders: [CORRELATION_HEADER, 'retry-after', REPLAYED_HEADER],
      maxAge: 600,
    });
  }

  // Every API answer may carry personal data; none of it belongs in a shared cache.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/admin/')) {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });

  if (config.API_DOCS_ENABLED) {
    SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), {
      jsonDocumentUrl: 'api/docs-json',
      raw: ['json'],
    });
  }

  serveWebApp(fastify, resolve(config.WEB_DIST_DIR));

  const queues = await mountQueueBoard(fastify, {
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    verifier: app.get(SessionVerifier),
    audit: app.get(AuditService),
  });
  fastify.addHook('onClose', async () => {
    await Promise.all(queues.map((queue) => queue.close()));
  });
}

/**
 * Paths the web app never answers, so an unknown API path stays a JSON 404. The queue board owns
 * /admin/queues; the rest of /admin/… are the web app's admin pages.
 */
const NOT_WEB = /^\/(api|admin\/queues|health|metrics)(\/|$|\?)/;

/**
 * The built web app at `/`: its files as they are, and index.html for any other GET so the
 * browser router owns the path. API routes keep priority (fastify prefers static routes over the
 * wildcard). Without a build (`npm run build:web`) nothing is mounted.
 */
function serveWebApp(fastify: FastifyInstance, root: string): void {
  if (!existsSync(join(root, 'index.html'))) return;
  void fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    setHeaders: (reply, path) => {
      // Vite names assets by content hash; index.html must be re-read to pick up a new build.
      reply.header(
        'cache-control',
        path.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  void fastify.register(async (scope) => {
    scope.get('/*', (request, reply) => {
      if (NOT_WEB.test(request.url)) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html', root);
    });
  });
}
