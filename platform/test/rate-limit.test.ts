import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { memoryRateLimiter, redisRateLimiter, type RateLimiter } from '../src/rate-limit';

async function exercise(limiter: RateLimiter, key: string) {
  const results = [];
  for (let i = 0; i < 4; i++) results.push(await limiter.hit(key, 3, 60));
  return results;
}

describe('rate limiters', () => {
  it('in memory: allows the limit, then asks to wait; the window resets', async () => {
    let now = 0;
    const limiter = memoryRateLimiter(() => now);
    expect(await limiter.blocked('k', 3)).toBe(0);
    expect(await exercise(limiter, 'k')).toEqual([0, 0, 0, 60]);
    expect(await limiter.blocked('k', 3)).toBe(60);
    now = 61_000;
    expect(await limiter.blocked('k', 3)).toBe(0);
    expect(await limiter.hit('k', 3, 60)).toBe(0);
  });

  it('in memory: drops expired windows instead of keeping every key forever', async () => {
    let now = 0;
    const limiter = memoryRateLimiter(() => now);
    for (let i = 0; i < 50; i++) await limiter.hit(`client-${i}`, 3, 60);
    expect(limiter.size).toBe(50);
    now = 120_000;
    await limiter.hit('late', 3, 60);
    expect(limiter.size).toBe(1);
  });

  it('in Redis: the same rule, shared by every process', async () => {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      const key = `test:${randomUUID()}`;
      const results = await exercise(redisRateLimiter(redis), key);
      expect(results.slice(0, 3)).toEqual([0, 0, 0]);
      expect(results[3]).toBeGreaterThan(0);
      expect(await redisRateLimiter(redis).blocked(key, 3)).toBeGreaterThan(0);
      expect(await redisRateLimiter(redis).blocked(key, 5)).toBe(0);
      expect(await redis.ttl(`ratelimit:${key}`)).toBeGreaterThan(0);
      await redisRateLimiter(redis).reset(key);
      expect(await redis.exists(`ratelimit:${key}`)).toBe(0);
    } finally {
      redis.disconnect();
    }
  });
});
