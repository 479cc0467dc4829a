import type { Redis } from 'ioredis';

export interface RateLimiter {
  /** Counts one hit for key; returns how long to wait if the limit is exceeded, else 0. */
  hit(key: string, limit: number, windowSeconds: number): Promise<number>;
  reset(key: string): Promise<void>;
}

/** Fixed windows in Redis, shared by every process; INCR and EXPIRE in one round trip. */
export function redisRateLimiter(redis: Redis): RateLimiter {
  return {
    async hit(key, limit, windowSeconds) {
      const k = `ratelimit:${key}`;
      const [[, count], [, ttl]] = (await redis.multi().incr(k).ttl(k).exec()) as [[null, number], [null, number]];
      if (ttl < 0) await redis.expire(k, windowSeconds);
      return count > limit ? Math.max(ttl, 1) : 0;
    },
    async reset(key) {
      await redis.del(`ratelimit:${key}`);
    },
  };
}

/** Embedded mode: the same windows in process memory. */
export function memoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    async hit(key, limit, windowSeconds) {
      const t = now();
      let w = windows.get(key);
      if (!w || w.resetAt <= t) {
        w = { count: 0, resetAt: t + windowSeconds * 1000 };
        windows.set(key, w);
      }
      w.count += 1;
      return w.count > limit ? Math.ceil((w.resetAt - t) / 1000) : 0;
    },
    async reset(key) {
      windows.delete(key);
    },
  };
}
