import { LRUCache } from 'lru-cache';
import { tooManyRequests } from '../errors';
import { getConfig } from '../config';

// Failed logins are counted per username and per client address in fixed windows. In-process memory:
// each instance limits on its own, which bounds guessing to (instances × limit) per window.

type Window = { failures: number; resetAt: number };

const windows = new LRUCache<string, Window>({ max: 50_000 });

const IP_LIMIT_FACTOR = 5;

function limitsFor(username: string, ip: string | null): Array<{ key: string; max: number }> {
  const { AXONGATE_LOGIN_MAX_ATTEMPTS: max } = getConfig();
  const limits = [{ key: `user:${username.toLowerCase()}`, max }];
  if (ip) limits.push({ key: `ip:${ip}`, max: max * IP_LIMIT_FACTOR });
  return limits;
}

/** Throws 429 when either the username or the address has used up its failed attempts for this window. */
export function assertLoginAllowed(username: string, ip: string | null, now = Date.now()): void {
  for (const { key, max } of limitsFor(username, ip)) {
    const window = windows.get(key);
    if (window && window.resetAt > now && window.failures >= max) {
      const retryAfterSeconds = Math.ceil((window.resetAt - now) / 1000);
      throw tooManyRequests(`Too many failed login attempts; try again in ${retryAfterSeconds} s`, retryAfterSeconds);
    }
  }
}

export function recordLoginFailure(username: string, ip: string | null, now = Date.now()): void {
  const windowMs = getConfig().AXONGATE_LOGIN_WINDOW_SECONDS * 1000;
  for (const { key } of limitsFor(username, ip)) {
    const window = windows.get(key);
    if (window && window.resetAt > now) window.failures += 1;
    else windows.set(key, { failures: 1, resetAt: now + windowMs });
  }
}

export function clearLoginFailures(username: string): void {
  windows.delete(`user:${username.toLowerCase()}`);
}

export function resetLoginRateLimitsForTests(): void {
  windows.clear();
}
