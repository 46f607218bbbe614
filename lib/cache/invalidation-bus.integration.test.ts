// The invalidation bus between two instances on the real PostgreSQL and Redis: with both paths, with only Redis (the
// LISTEN connection cannot reach its database) and with only PostgreSQL (Redis does not answer), a change published
// on one instance clears the other's caches, and each says it hears changes while one path is up.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '../db';
import { InvalidationBus, type CacheScope } from './invalidation-bus';
import { openRedisClient, type RedisClient } from './redis';
import { redisInvalidationRelay } from './redis-invalidation';

const channel = `axongate-test-${randomBytes(4).toString('hex')}:cache`;
const UNREACHABLE_DATABASE = 'postgresql://postgres@127.0.0.1:1/none';
const UNREACHABLE_REDIS = 'redis://127.0.0.1:1';
const opened: { bus: InvalidationBus; redis: RedisClient | null }[] = [];

function instance(options: { databaseUrl: string | undefined; redisUrl?: string }) {
  const redis = options.redisUrl ? openRedisClient(options.redisUrl) : null;
  const heard: CacheScope[] = [];
  const bus = new InvalidationBus({
    databaseUrl: options.databaseUrl,
    notify: (name, payload) => db.$executeRaw`SELECT pg_notify(${name}, ${payload})`,
    relay: redis ? redisInvalidationRelay(redis, channel) : undefined,
    log: () => {},
  });
  bus.subscribe((scope) => heard.push(scope));
  void bus.start();
  opened.push({ bus, redis });
  return { bus, heard };
}

afterEach(async () => {
  for (const { bus, redis } of opened.splice(0)) {
    await bus.stop();
    redis?.destroy();
  }
});

const REDIS = 'redis://127.0.0.1:6379';

describe('invalidation across instances', () => {
  it('travels through Redis when the other instance cannot LISTEN on PostgreSQL', async () => {
    const writer = instance({ databaseUrl: process.env.DATABASE_URL, redisUrl: REDIS });
    const reader = instance({ databaseUrl: UNREACHABLE_DATABASE, redisUrl: REDIS });
    await expect.poll(() => reader.bus.isLive() && writer.bus.isLive(), { timeout: 5_000 }).toBe(true);
    reader.heard.length = 0;
    await writer.bus.publish('user-tokens');
    await expect.poll(() => reader.heard, { timeout: 2_000 }).toContain('user-tokens');
  });

  it('travels through PostgreSQL when Redis does not answer', async () => {
    const writer = instance({ databaseUrl: process.env.DATABASE_URL, redisUrl: UNREACHABLE_REDIS });
    const reader = instance({ databaseUrl: process.env.DATABASE_URL, redisUrl: UNREACHABLE_REDIS });
    await expect.poll(() => reader.bus.isLive(), { timeout: 5_000 }).toBe(true);
    reader.heard.length = 0;
    await writer.bus.publish('routes');
    await expect.poll(() => reader.heard, { timeout: 2_000 }).toContain('routes');
  });

  it('is not live while neither path is up, so caches shorten their trust', async () => {
    const lonely = instance({ databaseUrl: UNREACHABLE_DATABASE, redisUrl: UNREACHABLE_REDIS });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(lonely.bus.isLive()).toBe(false);
  });
});
