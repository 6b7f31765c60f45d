import Redis from 'ioredis';
import { pollUntil, testInfra, testNames } from '@daiban/testing';
import { RedisThrottlerStorage } from '../src/http/redis-throttler.storage';

/** Two gateway replicas' storages over one Redis, with the Redis script calls each one makes counted. */
describe('the API throttle: local counting synced to Redis', () => {
  const names = testNames();
  const clients: Redis[] = [];
  let seq = 0;

  const replica = (syncMs = 60_000) => {
    const redis = new Redis(testInfra.redisUrl);
    clients.push(redis);
    const storage = new RedisThrottlerStorage(redis, names.queuePrefix, syncMs);
    const counted = redis as Redis & { throttleIncrement: (...args: string[]) => Promise<unknown> };
    const original = counted.throttleIncrement.bind(counted);
    const calls = { n: 0 };
    counted.throttleIncrement = (...args: string[]) => {
      calls.n += 1;
      return original(...args);
    };
    return { storage, calls, redis };
  };
  const hitsInRedis = async (key: string) =>
    Number(await clients[0].get(`${names.queuePrefix}:api:${key}:hits`));

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('alone, a replica lets exactly the limit through and asks Redis only for the upper half', async () => {
    const key = `ip-${seq++}`;
    const { storage, calls } = replica();
    const blocked: boolean[] = [];
    for (let i = 0; i < 12; i++) blocked.push((await storage.increment(key, 60_000, 10, 0, 'api')).isBlocked);
    expect(blocked).toEqual([...Array(10).fill(false), true, true]);
    // The first hit (to learn the window) and each hit from the fifth on; the 12th is refused from memory.
    expect(calls.n).toBeLessThanOrEqual(8);
    expect(await hitsInRedis(key)).toBe(11);
  });

  it('far below the limit, hits are counted in memory and reach Redis with the next sync', async () => {
    const key = `ip-${seq++}`;
    const { storage, calls } = replica(50);
    for (let i = 0; i < 100; i++) {
      const answer = await storage.increment(key, 60_000, 10_000, 0, 'api');
      expect([answer.isBlocked, answer.totalHits]).toEqual([false, i + 1]);
    }
    expect(calls.n).toBe(1);
    await pollUntil(async () => (await hitsInRedis(key)) === 100, { message: 'the hits synced' });
    expect(calls.n).toBe(2);
  });

  it('two replicas sharing a client never let more than the limit through together', async () => {
    const key = `ip-${seq++}`;
    const a = replica();
    const b = replica();
    let passed = 0;
    for (let i = 0; i < 60; i++) {
      const { storage } = i % 2 ? b : a;
      if (!(await storage.increment(key, 60_000, 20, 0, 'api')).isBlocked) passed += 1;
    }
    expect(passed).toBe(20);
  });

  it('a replica’s first hit of a window learns the hits other replicas have synced', async () => {
    const key = `ip-${seq++}`;
    const a = replica(20);
    const b = replica(20);
    for (let i = 0; i < 20; i++) await a.storage.increment(key, 60_000, 100, 0, 'api');
    await pollUntil(async () => (await hitsInRedis(key)) === 20, { message: 'a synced' });
    // b's first hit is answered by Redis, with a's 20 in it.
    expect((await b.storage.increment(key, 60_000, 100, 0, 'api')).totalHits).toBe(21);
  });

  it('a new window opens when the old one has expired, and a block ends with it', async () => {
    const key = `ip-${seq++}`;
    const { storage } = replica(20);
    for (let i = 0; i < 4; i++)
      expect((await storage.increment(key, 400, 4, 0, 'api')).isBlocked).toBe(false);
    expect((await storage.increment(key, 400, 4, 0, 'api')).isBlocked).toBe(true);
    await pollUntil(async () => !(await storage.increment(key, 400, 4, 0, 'api')).isBlocked, {
      timeoutMs: 5_000,
      message: 'the next window',
    });
  });
});
