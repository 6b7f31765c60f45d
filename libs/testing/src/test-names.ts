import { randomBytes } from 'node:crypto';

export const TEST_DB_PREFIX = 'daiban_t_';
const RUN_STAMP_LENGTH = 9;
/** A run id is a fixed-length base-36 time stamp followed by 4 hex digits. */
export const RUN_ID_LENGTH = RUN_STAMP_LENGTH + 4;

/** Set by the global setup; every name a test run creates starts with it, so teardown finds them all. */
export function testRunId(): string {
  const id = process.env.DAIBAN_TEST_RUN;
  if (!id)
    throw new Error(
      'DAIBAN_TEST_RUN is not set: run integration tests through jest (its global setup sets it)',
    );
  return id;
}

export function newRunId(now = Date.now()): string {
  return `${now.toString(36).padStart(RUN_STAMP_LENGTH, '0')}${randomBytes(2).toString('hex')}`;
}

/** Run ids start with the creation time in base 36, so stale leftovers of killed runs can be aged. */
export function runIdAgeMs(runId: string, now = Date.now()): number {
  const stamp = parseInt(runId.slice(0, RUN_STAMP_LENGTH), 36);
  return Number.isFinite(stamp) ? now - stamp : 0;
}

export interface TestNames {
  /** Unique per test context: database, NATS namespace (streams and subjects), BullMQ prefix. */
  key: string;
  database: string;
  namespace: string;
  queuePrefix: string;
}

/** Names private to one test context inside this Jest worker. */
export function testNames(): TestNames {
  const run = testRunId();
  const worker = process.env.JEST_WORKER_ID ?? '0';
  const key = `${run}w${worker}c${randomBytes(2).toString('hex')}`;
  return {
    key,
    database: `${TEST_DB_PREFIX}${key}`,
    namespace: `t${key}`,
    queuePrefix: `bullt${key}`,
  };
}
