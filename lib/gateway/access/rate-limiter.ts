// Per-token requests-per-minute, in process: a sliding log of the last minute's request times. It is the
// limiter when REDIS_URL is not set (each instance then enforces the limit on its own share), and the fallback
// of the shared one in shared-rate-limiter.ts while Redis is unavailable.

import { GatewayError } from '../request/gateway-error';
import type { AuthenticatedToken } from './token-store';

export const RATE_WINDOW_MS = 60_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** `key` names who is counted: a token's id, or `user:<id>` for everything a user's tokens send. */
export type RateLimiter = { take(key: string, limit: number): RateDecision | Promise<RateDecision> };

/** Whole seconds for Retry-After, at least 1 so that a client never retries at once. */
export function toRetryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}

export class SlidingWindowLimiter implements RateLimiter {
  private readonly windows = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts the request when it is allowed; a refused request does not use up the window. */
  take(key: string, limit: number): RateDecision {
    const now = this.now();
    this.sweep(now);
    const cutoff = now - RATE_WINDOW_MS;
    const times = this.windows.get(key) ?? [];
    let expired = 0;
    while (expired < times.length && times[expired] <= cutoff) expired++;
    if (expired > 0) times.splice(0, expired);
    if (times.length >= limit) {
      this.windows.set(key, times);
      return { allowed: false, retryAfterSeconds: toRetryAfterSeconds(times[0] + RATE_WINDOW_MS - now) };
    }
    times.push(now);
    this.windows.set(key, times);
    return { allowed: true };
  }

  /** Drops idle tokens' windows now and then so the map does not grow with every token ever seen. */
  private sweep(now: number): void {
    if (now - this.lastSweep < RATE_WINDOW_MS) return;
    this.lastSweep = now;
    for (const [key, times] of this.windows) {
      if (times.length === 0 || times[times.length - 1] <= now - RATE_WINDOW_MS) this.windows.delete(key);
    }
  }
}

async function enforceOne(limiter: RateLimiter, key: string, limit: number | null, whose: string): Promise<void> {
  if (limit === null || limit <= 0) return;
  const decision = await limiter.take(key, limit);
  if (!decision.allowed) {
    throw new GatewayError(429, `Rate limit of ${limit} requests per minute exceeded for ${whose}`, 'rate_limit', {
      'retry-after': String(decision.retryAfterSeconds),
    });
  }
}

/** 429 with Retry-After when the token, or its owner across all their tokens, is over its requests-per-minute limit. */
export async function enforceRateLimit(limiter: RateLimiter, token: AuthenticatedToken): Promise<void> {
  await enforceOne(limiter, String(token.id), token.rpmLimit, 'this API key');
  await enforceOne(limiter, `user:${token.userId}`, token.owner.rpmLimit, "this API key's user");
}
