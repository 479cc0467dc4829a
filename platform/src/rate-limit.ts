import type { Redis } from 'ioredis';

export interface RateLimiter {
  /** Counts one hit for key; returns how long to wait if the limit is exceeded, else 0. */
  hit(key: string, limit: number, windowSeconds: number): Promise<number>;
  /** Without counting: how long to wait if key already has `limit` hits, else 0. */
  blocked(key: string, limit: number): Promise<number>;
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
    async blocked(key, limit) {
      const k = `ratelimit:${key}`;
      const [[, count], [, ttl]] = (await redis.multi().get(k).ttl(k).exec()) as [[null, string | null], [null, number]];
      return Number(count ?? 0) >= limit ? Math.max(ttl, 1) : 0;
    },
    async reset(key) {
      await redis.del(`ratelimit:${key}`);
    },
  };
}

/** Embedded mode: the same windows in process memory. */
export function memoryRateLimiter(now: () => number = Date.now): RateLimiter & { readonly size: number } {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = 0;
  // Expired windows are dropped once a minute, so keys from many clients do not pile up.
  const sweep = (t: number) => {
    if (t < nextSweep) return;
    nextSweep = t + 60_000;
    for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
  };
  return {
    async hit(key, limit, windowSeconds) {
      const t = now();
      sweep(t);
      let w = windows.get(key);
      if (!w || w.resetAt <= t) {
        w = { count: 0, resetAt: t + windowSeconds * 1000 };
        windows.set(key, w);
      }
      w.count += 1;
      return w.count > limit ? Math.ceil((w.resetAt - t) / 1000) : 0;
    },
    async blocked(key, limit) {
      const t = now();
      const w = windows.get(key);
      return w && w.resetAt > t && w.count >= limit ? Math.ceil((w.resetAt - t) / 1000) : 0;
    },
    async reset(key) {
      windows.delete(key);
    },
    /** For tests: how many windows are held. */
    get size() {
      return windows.size;
    },
  };
}
