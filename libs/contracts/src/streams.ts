/**
 * JetStream streams, one per bounded context. Names and subjects are append-only:
 * renaming one would orphan its stored history.
 */
export const STREAMS = {
  PROJECTS: { subjects: ['projects.>'], description: '项目库领域事件 (registry)' },
  APPROVALS: { subjects: ['approvals.>'], description: '代办审批领域事件 (workflow)' },
  NOTIFICATIONS: { subjects: ['notifications.>'], description: '通知与督办领域事件 (notifications)' },
  IDENTITY: { subjects: ['identity.>'], description: '用户与权限领域事件 (gateway)' },
} as const;
export type StreamName = keyof typeof STREAMS;

export interface StreamSettings {
  /** Long enough that read models can be rebuilt from the streams. */
  maxAgeDays: number;
  /** Must cover the outbox relay's retry horizon so a re-sent row is dropped by JetStream. */
  duplicateWindowMs: number;
  replicas: number;
}

export const DEFAULT_STREAM_SETTINGS: StreamSettings = {
  maxAgeDays: 3650,
  duplicateWindowMs: 60 * 60 * 1000,
  replicas: 1,
};

/**
 * A durable pull consumer: one per (service, stream). Replicas of a service share it.
 * `subjects` lists every event subject the service handles; the runner refuses to start
 * when one of them has no handler or two.
 */
export interface ConsumerDefinition {
  service: string;
  stream: StreamName | string;
  durable: string;
  subjects: readonly string[];
  ackWaitMs?: number;
  maxDeliver?: number;
  /** Redelivery delays in ms, by delivery attempt. */
  backoffMs?: readonly number[];
  /**
   * Transactions at once (default 8). One for a consumer whose events of different aggregates write the
   * same rows: batches in parallel lanes then deadlock on them, each costing deadlock_timeout (1 s).
   */
  concurrency?: number;
  /**
   * Most messages one transaction handles (default: the messaging module's, 64). A lane's batch is what
   * queued behind its running one, so fewer lanes with larger batches mean fewer, bigger transactions.
   */
  batchSize?: number;
}

/** Tests and parallel deployments on one NATS server keep apart by a namespace prefix. */
export function namespacedSubject(namespace: string, subject: string): string {
  return namespace ? `${namespace}.${subject}` : subject;
}

export function namespacedStream(namespace: string, stream: string): string {
  return namespace ? `${namespace}_${stream}` : stream;
}

export function stripNamespace(namespace: string, subject: string): string {
  return namespace && subject.startsWith(`${namespace}.`) ? subject.slice(namespace.length + 1) : subject;
}
