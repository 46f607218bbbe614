import { createHash, randomUUID } from 'node:crypto';
import { warnRedisUnavailable, withinCommandTimeout, type RedisClient } from '../../cache/redis';
import { RATE_WINDOW_MS, SlidingWindowLimiter, toRetryAfterSeconds, type RateDecision, type RateLimiter } from './rate-limiter';

// Per-token requests-per-minute shared by every instance through Redis, with the in-process limiter's
// semantics: one sorted set per token holds the counted requests (a unique member each, scored by its time in
// ms). One Lua script drops what left the window, counts, and adds the request only when it is allowed, all
// atomically; the time is Redis's own (TIME), so instances with skewed clocks count alike.
// Failure policy: while Redis is unreachable or failing, requests are counted by the in-process fallback
// (the limit then holds per instance), so a dead Redis never refuses or slows a model request.

const TAKE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local limit, window = tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return tonumber(oldest[2]) + window - now
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return 0
`;
const TAKE_SCRIPT_SHA = createHash('sha1').update(TAKE_SCRIPT).digest('hex');

/** After a failed command (a Redis that hangs rather than refuses) Redis is left alone this long. */
const REDIS_PAUSE_AFTER_FAILURE_MS = 5_000;

export type SharedRateLimiterOptions = {
  client: RedisClient;
  /** Each counted key (a token's id, `user:<id>`) is stored under this prefix. */
  keyPrefix: string;
  windowMs?: number;
  fallback?: RateLimiter;
};

export class SharedRateLimiter implements RateLimiter {
  private readonly client: RedisClient;
  private readonly keyPrefix: string;
  private readonly windowMs: number;
  private readonly fallback: RateLimiter;
  private redisPausedUntil = 0;

  constructor(options: SharedRateLimiterOptions) {
    this.client = options.client;
    this.keyPrefix = options.keyPrefix;
    this.windowMs = options.windowMs ?? RATE_WINDOW_MS;
    this.fallback = options.fallback ?? new SlidingWindowLimiter();
  }

  /** Counts the request when it is allowed; a refused request does not use up the window. */
  async take(key: string, limit: number): Promise<RateDecision> {
    // A client that is not ready is still (re)connecting; its 'error' events report why.
    if (!this.client.isReady || Date.now() < this.redisPausedUntil) return this.fallback.take(key, limit);
    try {
      const args = [String(limit), String(this.windowMs), randomUUID()];
      const waitMs = await withinCommandTimeout(this.runTakeScript(`${this.keyPrefix}${key}`, args));
      return waitMs === 0 ? { allowed: true } : { allowed: false, retryAfterSeconds: toRetryAfterSeconds(waitMs) };
    } catch (error) {
      this.redisPausedUntil = Date.now() + REDIS_PAUSE_AFTER_FAILURE_MS;
      warnRedisUnavailable(error);
      return this.fallback.take(key, limit);
    }
  }

  /** Returns 0 when the request was counted, else the ms until the oldest counted request leaves the window. */
  private async runTakeScript(key: string, args: string[]): Promise<number> {
    const call = { keys: [key], arguments: args };
    try {
      return Number(await this.client.evalSha(TAKE_SCRIPT_SHA, call));
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      // EVAL also caches the script, so the next EVALSHA finds it.
      return Number(await this.client.eval(TAKE_SCRIPT, call));
    }
  }
}

/** The limiter for rpm_limit: shared through Redis when there is a client, otherwise in process. */
export function createRateLimiter(redis: RedisClient | null, redisKeyPrefix: string): RateLimiter {
  if (!redis) return new SlidingWindowLimiter();
  return new SharedRateLimiter({ client: redis, keyPrefix: `${redisKeyPrefix}rpm:` });
}
