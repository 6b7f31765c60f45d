import type { ThrottlerLimitDetail, ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';

type ThrottlerStorageRecord = Omit<ThrottlerLimitDetail, 'ttl' | 'limit' | 'key' | 'tracker'>;

type Counted = Redis & {
  throttleIncrement(
    hitsKey: string,
    blockKey: string,
    ttl: string,
    limit: string,
    block: string,
  ): Promise<[number, number, number]>;
};

/** Fixed window per key; a key over its limit is blocked for blockDuration (defaults to the window). */
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blockTtl = redis.call('PTTL', KEYS[2])
if blockTtl < 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blockTtl = tonumber(ARGV[3])
end
return {hits, ttl, blockTtl}
`;

/**
 * Counters live in Redis so every gateway replica shares them; with per-process memory an attacker
 * would get N times the limit by spreading requests over replicas.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly redis: Counted;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    // Every API request runs the script: as a defined command ioredis sends its SHA (EVALSHA, the body
    // only after a NOSCRIPT) instead of the whole body for Redis to hash again each time.
    if (!('throttleIncrement' in redis))
      redis.defineCommand('throttleIncrement', { numberOfKeys: 2, lua: INCREMENT });
    this.redis = redis as Counted;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}:${throttlerName}:${key}`;
    const [hits, ttlMs, blockMs] = await this.redis.throttleIncrement(
      `${base}:hits`,
      `${base}:block`,
      String(ttl),
      String(limit),
      String(blockDuration > 0 ? blockDuration : ttl),
    );
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, Math.ceil(ttlMs / 1000)),
      isBlocked: blockMs > 0,
      timeToBlockExpire: Math.max(0, Math.ceil(blockMs / 1000)),
    };
  }
}
