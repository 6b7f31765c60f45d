import type { Caller, ErrorBody } from '@daiban/contracts';

/** What travels in a request: the payload and who asks, so the service enforces scope itself. */
export interface RpcRequestMessage<T = unknown> {
  data: T;
  caller: Caller | null;
}

export type RpcReplyMessage<T = unknown> = { ok: true; data: T } | { ok: false; error: ErrorBody };
