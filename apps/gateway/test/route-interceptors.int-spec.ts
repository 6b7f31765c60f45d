import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { GatewayInterceptor } from '../src/http/gateway.interceptor';
import { UsersService } from '../src/users/users.service';
import { bootGateway, call, login, type Gateway } from './gateway-harness';

/**
 * The gateway's interceptors sit on each route by its method (http/route-interceptors.ts): every route
 * that is not a read runs GatewayInterceptor (idempotency, audit, contract), and a read still answers
 * only what its response schema lists.
 */
describe('interceptors per route', () => {
  let gw: Gateway;
  let token: string;

  beforeAll(async () => {
    gw = await bootGateway();
    token = (await login(gw, 'admin', 'Test#Admin2026')).accessToken;
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('puts GatewayInterceptor on every route that is not a read, and nothing on reads', () => {
    const interceptor = gw.app.get(GatewayInterceptor);
    const unguarded: string[] = [];
    let writes = 0;
    let reads = 0;
    for (const module of gw.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const instance = wrapper.instance as Record<string, unknown>;
        const prototype = Object.getPrototypeOf(instance) as object;
        for (const name of Object.getOwnPropertyNames(prototype)) {
          const handler = instance[name];
          if (
            name === 'constructor' ||
            typeof handler !== 'function' ||
            Reflect.getMetadata(PATH_METADATA, handler) === undefined
          )
            continue;
          const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
          const interceptors = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[]) ?? [];
          if (method === RequestMethod.GET || method === RequestMethod.HEAD) {
            reads += 1;
            expect(interceptors).toEqual([]);
          } else {
            writes += 1;
            if (interceptors[0] !== interceptor) unguarded.push(`${wrapper.name}.${name}`);
          }
        }
      }
    }
    expect(unguarded).toEqual([]);
    expect(writes).toBeGreaterThan(30);
    expect(reads).toBeGreaterThan(30);
  });

  it('strips from a read what its response schema does not list', async () => {
    const users = gw.app.get(UsersService);
    const real = users.toResponse.bind(users);
    const spy = jest
      .spyOn(users, 'toResponse')
      .mockImplementation((user) => ({ ...real(user), passwordHash: 'argon2id$leaked' }) as never);
    try {
      const res = await call<Record<string, unknown>>(gw, 'GET', '/api/v1/me', { token });
      expect(res.status).toBe(200);
      expect(res.body.username).toBe('admin');
      expect(res.body).not.toHaveProperty('passwordHash');
    } finally {
      spy.mockRestore();
    }
  });

  it('answers 500, not the body, when a read breaks its response schema', async () => {
    const users = gw.app.get(UsersService);
    const spy = jest.spyOn(users, 'toResponse').mockImplementation(() => ({ username: 42 }) as never);
    try {
      const res = await call<{ code: string }>(gw, 'GET', '/api/v1/me', { token });
      expect(res.status).toBe(500);
      expect(res.body.code).toBe('INTERNAL');
    } finally {
      spy.mockRestore();
    }
  });
});
