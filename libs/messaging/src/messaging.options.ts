import type { ConsumerDefinition } from '@daiban/contracts';

export interface MessagingOptions {
  /** The service name: queue group for request-reply, owner of its consumers. */
  service: string;
  natsUrl: string;
  /** Keeps parallel test runs (or tenants on one NATS) apart; '' in production. */
  namespace: string;
  /** PostgreSQL schema holding the service's outbox, processed_events and dead_letters. */
  schema: string;
  /** Run the outbox relay in this process (every service that publishes events does). */
  relay?: boolean | RelayOptions;
  /** The durable consumers this service runs; their handlers are found by @OnEvent. */
  consumers?: readonly ConsumerDefinition[];
  /** Serve request-reply handlers (@RpcHandler) over NATS. */
  rpc?: boolean;
  shutdownTimeoutMs?: number;
}

export interface RelayOptions {
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (e.g. the LISTEN connection is down). */
  idlePollMs?: number;
  publishTimeoutMs?: number;
  maxBackoffMs?: number;
  /** How long published rows stay for inspection before they are deleted. */
  retentionHours?: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export const DEFAULT_ACK_WAIT_MS = 30_000;
export const DEFAULT_MAX_DELIVER = 8;
export const DEFAULT_BACKOFF_MS = [200, 1_000, 5_000, 15_000, 30_000, 60_000, 120_000] as const;
