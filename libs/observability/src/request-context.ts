import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What travels with a unit of work through HTTP, request-reply and event handlers. */
export interface RequestContext {
  correlationId: string;
  /** The event being handled, so events it causes record it as their cause. */
  causationId?: string;
  userId?: string;
  role?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentCorrelationId(): string {
  return storage.getStore()?.correlationId ?? randomUUID();
}

export const CORRELATION_HEADER = 'x-correlation-id';

/** Incoming ids are echoed into logs and headers, so only safe shapes are accepted. */
export function acceptCorrelationId(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z0-9_.:-]{8,128}$/.test(value) ? value : randomUUID();
}
