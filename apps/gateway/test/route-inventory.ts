import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { Role } from '@daiban/contracts';
import { HealthController, MetricsController } from '@daiban/observability';
import { PUBLIC_ROUTE, ROLES_KEY } from '../src/auth/auth.decorators';

/** One HTTP route as the router knows it: `GET /api/v1/users/:id`. */
export interface InventoryRoute {
  method: string;
  template: string;
  public: boolean;
  /** @Roles of the handler, else of its controller; null: any authenticated caller. */
  roles: readonly Role[] | null;
}

const join = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

/**
 * Every route of every controller in the running app, read from the metadata Nest builds its router
 * from — so a route added anywhere, in any module, shows up here without anyone listing it.
 */
export function routeInventory(app: INestApplication): InventoryRoute[] {
  const routes: InventoryRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const base = Reflect.getMetadata(PATH_METADATA, type) as string | string[] | undefined;
      if (base === undefined) continue;
      // The probes and the metrics scrape are opened by the guard itself (auth.guard.ts).
      const classPublic =
        Boolean(Reflect.getMetadata(PUBLIC_ROUTE, type)) ||
        [HealthController, MetricsController].includes(type as never);
      const proto = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        for (const b of [base].flat())
          for (const p of [path].flat())
            routes.push({
              method,
              template: join(b, p),
              public: classPublic || Boolean(Reflect.getMetadata(PUBLIC_ROUTE, handler)),
              roles:
                (Reflect.getMetadata(ROLES_KEY, handler) as Role[] | undefined) ??
                (Reflect.getMetadata(ROLES_KEY, type) as Role[] | undefined) ??
                null,
            });
      }
    }
  }
  return routes;
}

/** The routes of an OpenAPI document, in the router's `:param` spelling. */
export function documentedRoutes(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  );
}

/**
 * The route a concrete request path lands on: among the templates that match, the one with the most
 * literal segments (`/projects/pipeline` before `/projects/:id`), as the router decides.
 */
export function templateOf(routes: InventoryRoute[], method: string, url: string): InventoryRoute | null {
  const path = url.split('?')[0];
  const segments = path.split('/');
  const candidates = routes.filter((r) => {
    if (r.method !== method) return false;
    const t = r.template.split('/');
    return t.length === segments.length && t.every((s, i) => s.startsWith(':') || s === segments[i]);
  });
  const literal = (r: InventoryRoute) => r.template.split('/').filter((s) => !s.startsWith(':')).length;
  return candidates.sort((a, b) => literal(b) - literal(a))[0] ?? null;
}
