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
    hits: string,
  ): Promise<[number, number, number]>;
};

/** Fixed window per key; a key over its limit is blocked for blockDuration (defaults to the window). */
const INCREMENT = `
local hits = redis.call('INCRBY', KEYS[1], ARGV[4])
if hits == tonumber(ARGV[4]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blockTtl = redis.call('PTTL', KEYS[2])
if blockTtl < 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blockTtl = tonumber(ARGV[3])
end
return {hits, ttl, blockTtl}
`;

/** What this process knows of one key's window, and the hits it has not told Redis yet. */
interface Window {
  redisKey: string;
  ttl: number;
  limit: number;
  block: number;
  /** The shared count as Redis last answered it (this replica's hits sent so far included). */
  known: number;
  /** Hits let through here since then. */
  unsent: number;
  endsAt: number;
  blockedUntil: number;
}

/** How often hits let through locally are added to the shared counters. */
export const THROTTLE_SYNC_MS = 200;

/**
 * Counters live in Redis so every gateway replica shares them; with per-process memory an attacker
 * would get N times the limit by spreading requests over replicas.
 *
 * A key's first hit in a window, and every hit once the window is half used, goes to Redis and waits
 * for its answer. Below half, a hit is counted here and added to Redis within THROTTLE_SYNC_MS, as
 * Kong's rate limiting does with its `sync_rate`: one Redis script per API request was a seventh of
 * the gateway's CPU (bench B1). Each replica lets through at most half the limit unseen, so two
 * replicas never pass the limit together; with more, the excess is bounded by what a client can send
 * to them within one sync interval. A single replica counts exactly.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly redis: Counted;
  private readonly windows = new Map<string, Window>();
  private timer?: NodeJS.Timeout;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly syncMs = THROTTLE_SYNC_MS,
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
    const redisKey = `${this.prefix}:${throttlerName}:${key}`;
    // A monotonic clock: these windows are Redis's TTLs, not domain time.
    const now = performance.now();
    let window = this.windows.get(redisKey);
    if (window && now >= window.endsAt) {
      // Hits not sent before the window ended belonged to a window Redis has dropped too.
      this.windows.delete(redisKey);
      window = undefined;
    }
    if (window && now < window.blockedUntil) {
      return {
        totalHits: window.known + window.unsent + 1,
        timeToExpire: seconds(window.endsAt - now),
        isBlocked: true,
        timeToBlockExpire: seconds(window.blockedUntil - now),
      };
    }
    if (window && 2 * (window.known + window.unsent + 1) <= limit) {
      window.unsent += 1;
      this.timer ??= setTimeout(() => void this.sync(), this.syncMs).unref();
      return {
        totalHits: window.known + window.unsent,
        timeToExpire: seconds(window.endsAt - now),
        isBlocked: false,
        timeToBlockExpire: 0,
      };
    }
    window ??= {
      redisKey,
      ttl,
      limit,
      block: blockDuration > 0 ? blockDuration : ttl,
      known: 0,
      unsent: 0,
      endsAt: now + ttl,
      blockedUntil: 0,
    };
    this.windows.set(redisKey, window);
    const hits = window.unsent + 1;
    window.unsent = 0;
    const [total, ttlMs, blockMs] = await this.send(window, hits);
    return {
      totalHits: total,
      timeToExpire: seconds(ttlMs),
      isBlocked: blockMs > 0,
      timeToBlockExpire: seconds(blockMs),
    };
  }

  /** Adds the hits let through locally to the shared counters; forgets the windows that ended. */
  private async sync(): Promise<void> {
    this.timer = undefined;
    const now = performance.now();
    const due: Array<[Window, number]> = [];
    for (const window of this.windows.values()) {
      // As in increment: hits of an ended window would only inflate the next one.
      if (now >= window.endsAt) this.windows.delete(window.redisKey);
      else if (window.unsent > 0) {
        due.push([window, window.unsent]);
        window.unsent = 0;
      }
    }
    // Lost if Redis is down: the limit then undercounts for one interval rather than failing requests.
    await Promise.all(due.map(([window, hits]) => this.send(window, hits).catch(() => undefined)));
  }

  private async send(window: Window, hits: number): Promise<[number, number, number]> {
    const answer = await this.redis.throttleIncrement(
      `${window.redisKey}:hits`,
      `${window.redisKey}:block`,
      String(window.ttl),
      String(window.limit),
      String(window.block),
      String(hits),
    );
    const [total, ttlMs, blockMs] = answer;
    const now = performance.now();
    // Answers of one key may arrive out of order; the count only grows within a window.
    window.known = Math.max(window.known, total);
    if (ttlMs > 0) window.endsAt = now + ttlMs;
    if (blockMs > 0) window.blockedUntil = now + blockMs;
    return answer;
  }
}

function seconds(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}
