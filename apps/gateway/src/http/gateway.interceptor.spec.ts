import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { lastValueFrom, map, of, catchError, throwError, type Observable } from 'rxjs';
import type { AuditInterceptor } from '../audit/audit.interceptor';
import type { IdempotencyInterceptor } from './idempotency.interceptor';
import type { ResponseContractInterceptor } from './response-contract.interceptor';
import { GatewayInterceptor } from './gateway.interceptor';

/** An interceptor that records when it runs and tags what passes through it. */
function recorder(name: string, log: string[]): NestInterceptor {
  return {
    intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
      log.push(`${name}:in`);
      return next.handle().pipe(
        map((value) => `${name}(${String(value)})`),
        catchError((error: Error) => {
          log.push(`${name}:saw ${error.message}`);
          return throwError(() => error);
        }),
      );
    },
  };
}

function http(method: string): ExecutionContext {
  return {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => ({ method }) }),
  } as unknown as ExecutionContext;
}

function compose(log: string[], contract: NestInterceptor = recorder('contract', log)) {
  return new GatewayInterceptor(
    recorder('idempotency', log) as unknown as IdempotencyInterceptor,
    recorder('audit', log) as unknown as AuditInterceptor,
    contract as unknown as ResponseContractInterceptor,
  );
}

const handler: CallHandler = { handle: () => of('body') };

describe('GatewayInterceptor', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])(
    'runs idempotency, audit and the response contract in that order on %s',
    async (method) => {
      const log: string[] = [];
      const result = await lastValueFrom(compose(log).intercept(http(method), handler));
      expect(result).toBe('idempotency(audit(contract(body)))');
      expect(log).toEqual(['idempotency:in', 'audit:in', 'contract:in']);
    },
  );

  it.each(['GET', 'HEAD', 'OPTIONS'])('runs only the response contract on %s', async (method) => {
    const log: string[] = [];
    const result = await lastValueFrom(compose(log).intercept(http(method), handler));
    expect(result).toBe('contract(body)');
    expect(log).toEqual(['contract:in']);
  });

  it('runs only the response contract on a request-reply call', async () => {
    const log: string[] = [];
    const rpc = { getType: () => 'rpc' } as unknown as ExecutionContext;
    await expect(lastValueFrom(compose(log).intercept(rpc, handler))).resolves.toBe('contract(body)');
    expect(log).toEqual(['contract:in']);
  });

  it('hands an inner interceptor that throws while building its pipeline to the outer ones as an error', async () => {
    const log: string[] = [];
    const throwing: NestInterceptor = {
      intercept() {
        throw new Error('broken');
      },
    };
    await expect(lastValueFrom(compose(log, throwing).intercept(http('POST'), handler))).rejects.toThrow(
      'broken',
    );
    expect(log).toEqual(['idempotency:in', 'audit:in', 'audit:saw broken', 'idempotency:saw broken']);
  });
});
