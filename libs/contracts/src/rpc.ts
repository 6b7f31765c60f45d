import { z } from 'zod';

/**
 * A request-reply pattern: its subject (`<service>.<entity>.<verb>`) and the schemas of both sides,
 * shared by the caller (gateway) and the handler (service).
 */
export interface RpcDefinition<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly pattern: string;
  readonly request: Req;
  readonly response: Res;
  /** Per-call timeout; the client default applies when absent. */
  readonly timeoutMs?: number;
}

export type RpcRequest<D> = D extends RpcDefinition<infer Req, z.ZodType> ? z.infer<Req> : never;
export type RpcResponse<D> = D extends RpcDefinition<z.ZodType, infer Res> ? z.infer<Res> : never;

const PATTERN = /^[a-z][a-z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/;

export function defineRpc<Req extends z.ZodType, Res extends z.ZodType>(def: {
  pattern: string;
  request: Req;
  response: Res;
  timeoutMs?: number;
}): RpcDefinition<Req, Res> {
  if (!PATTERN.test(def.pattern))
    throw new Error(`RPC pattern "${def.pattern}" must read <service>.<entity>.<verb>`);
  return def;
}

/** The RPC subject on the wire; every service listens under `rpc.` so request-reply never meets event streams. */
export function rpcSubject(namespace: string, pattern: string): string {
  return namespace ? `${namespace}.rpc.${pattern}` : `rpc.${pattern}`;
}

/** Ids embedded in NATS subjects or used as keys must not be able to inject wildcards or tokens. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: '标识符格式不正确' });

/** Every service answers this ping; the gateway's readiness and the tests use it. */
export const servicePing = (service: string) =>
  defineRpc({
    pattern: `${service}.system.ping`,
    request: z.object({}).strict(),
    response: z.object({ service: z.string(), at: z.string() }),
    timeoutMs: 2000,
  });
