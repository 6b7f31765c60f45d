import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { isObservable, map } from 'rxjs';
import type { z } from 'zod';
import { RESPONSE_SCHEMA_KEY } from './api-contract.decorator';
import { GatewayInterceptor } from './gateway.interceptor';
import { contractBody } from './response-contract.interceptor';

type Handler = (...args: unknown[]) => unknown;

/** Reads: idempotency and audit let them through, so only the response contract applies. */
const READS = new Set<RequestMethod>([RequestMethod.GET, RequestMethod.HEAD]);

/** The handler's decorators (route, roles, public, docs…) on a function that stands in for it. */
function standIn(original: Handler, body: Handler): Handler {
  for (const key of Reflect.getOwnMetadataKeys(original))
    Reflect.defineMetadata(key, Reflect.getOwnMetadata(key, original), body);
  Object.defineProperty(body, 'name', { value: original.name });
  return body;
}

/**
 * Puts the gateway's interceptors on each controller route by its HTTP method, instead of one global
 * interceptor. A read gets its response contract inside the handler and no interceptor at all: Nest wraps
 * every interceptor of a request in deferred, async-context-bound observables, which cost a read more CPU
 * than the contract check itself (~12 % of the gateway's CPU per case read, bench B1). Every other route
 * gets GatewayInterceptor (idempotency, audit, response contract) as before.
 *
 * Runs between NestFactory.create and init (configureGatewayApp): Nest takes each route's handler and
 * interceptors from the controller instance when it registers the routes. The stand-ins go on the
 * instances, so the classes stay as declared (a second app in the same process starts from them again).
 */
export function routeInterceptors(app: NestFastifyApplication): void {
  const interceptor = app.get(GatewayInterceptor);
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const instance = wrapper.instance as Record<string, Handler> | undefined;
      if (!instance) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const original = prototype[name];
        if (name === 'constructor' || typeof original !== 'function') continue;
        if (Reflect.getMetadata(PATH_METADATA, original) === undefined) continue;
        const handler = original as Handler;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
        if (!READS.has(method)) {
          const routed = standIn(handler, function (this: unknown, ...args: unknown[]) {
            return handler.apply(this, args);
          });
          const declared = (Reflect.getOwnMetadata(INTERCEPTORS_METADATA, handler) as unknown[]) ?? [];
          Reflect.defineMetadata(INTERCEPTORS_METADATA, [interceptor, ...declared], routed);
          instance[name] = routed;
          continue;
        }
        const schema = Reflect.getMetadata(RESPONSE_SCHEMA_KEY, handler) as z.ZodType | null | undefined;
        if (!schema) continue;
        const route = `${wrapper.metatype?.name ?? 'controller'}.${name}`;
        const check = (body: unknown) => contractBody(schema, body, route);
        instance[name] = standIn(handler, function (this: unknown, ...args: unknown[]) {
          const result = handler.apply(this, args);
          if (result instanceof Promise) return result.then(check);
          if (isObservable(result)) return result.pipe(map(check));
          return check(result);
        });
      }
    }
  }
}
