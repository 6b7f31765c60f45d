import { Client } from 'pg';
import { connect } from 'nats';
import Redis from 'ioredis';
import { RUN_ID_LENGTH, TEST_DB_PREFIX, runIdAgeMs } from './test-names';
import { testInfra } from './infra-urls';

const STALE_MS = 6 * 60 * 60 * 1000;
const KEY_PATTERN = '([0-9a-z]{9}[0-9a-f]{4})w\\d+c[0-9a-f]{4}';
const STREAM_NAME = new RegExp(`^t${KEY_PATTERN}_`);
const QUEUE_KEY = new RegExp(`^bullt${KEY_PATTERN}`);

/** Keys created by a run start with its id; `matches` decides which run ids to remove. */
export async function removeTestResources(matches: (runId: string) => boolean): Promise<void> {
  await Promise.all([dropDatabases(matches), deleteStreams(matches), deleteRedisKeys(matches)]);
}

export const isStale = (runId: string) => runIdAgeMs(runId) > STALE_MS;

async function dropDatabases(matches: (runId: string) => boolean): Promise<void> {
  const client = new Client({ connectionString: testInfra.adminDatabaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`${TEST_DB_PREFIX}%`],
    );
    for (const { datname } of rows) {
      if (!matches(datname.slice(TEST_DB_PREFIX.length, TEST_DB_PREFIX.length + RUN_ID_LENGTH))) continue;
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

async function deleteStreams(matches: (runId: string) => boolean): Promise<void> {
  const nc = await connect({ servers: testInfra.natsUrl, name: 'test-cleanup' });
  try {
    const jsm = await nc.jetstreamManager();
    for await (const name of jsm.streams.names()) {
      const m = STREAM_NAME.exec(name);
      if (m && matches(m[1])) await jsm.streams.delete(name).catch(() => undefined);
    }
  } finally {
    await nc.close();
  }
}

async function deleteRedisKeys(matches: (runId: string) => boolean): Promise<void> {
  const redis = new Redis(testInfra.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', 'bullt*', 'COUNT', 1000);
      cursor = next;
      const doomed = keys.filter((key) => {
        const m = QUEUE_KEY.exec(key);
        return m !== null && matches(m[1]);
      });
      if (doomed.length) await redis.del(...doomed);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
