import { setTimeout as sleep } from 'node:timers/promises';
import { LRUCache } from 'lru-cache';
import { tooManyRequests } from '../errors';
import { getConfig } from '../config';

// Failed logins, counted in fixed windows (AXONGATE_LOGIN_WINDOW_SECONDS) three ways:
// - per username and address: after AXONGATE_LOGIN_MAX_ATTEMPTS failures that address is refused (429) for
//   that username. Whoever guesses locks out only themselves, never the account's owner signing in elsewhere;
// - per address, across usernames: five times as many, then 429, against one address trying many accounts;
// - per username, across addresses: no lockout, but each further attempt waits longer (up to MAX_DELAY_MS), which
//   slows guessing from many addresses while the owner can still sign in.
// In-process memory: each instance counts on its own, which bounds guessing to (instances × limit) per window.
// An unknown address (no production server in front, as in `next dev`) counts as one address.

type Window = { failures: number; resetAt: number };

const windows = new LRUCache<string, Window>({ max: 50_000 });

const ADDRESS_LIMIT_FACTOR = 5;
const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 3_000;

const pairKey = (username: string, ip: string | null) => `pair:${username.toLowerCase()}\n${ip ?? '-'}`;
const addressKey = (ip: string) => `ip:${ip}`;
const usernameKey = (username: string) => `user:${username.toLowerCase()}`;

function liveFailures(key: string, now: number): { failures: number; resetAt: number } {
  const window = windows.get(key);
  return window && window.resetAt > now ? window : { failures: 0, resetAt: now };
}

/** How long an attempt on an account waits after its failures from all addresses passed the limit. */
export function loginDelayMs(failuresOfUsername: number, max: number): number {
  if (failuresOfUsername < max) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (failuresOfUsername - max), MAX_DELAY_MS);
}

/**
 * Throws 429 when this address has used up its failed attempts, for this username or for all; otherwise waits
 * the username's slowdown, if any, before the password is checked.
 */
export async function admitLoginAttempt(username: string, ip: string | null, now = Date.now()): Promise<void> {
  const { AXONGATE_LOGIN_MAX_ATTEMPTS: max } = getConfig();
  const limits = [{ key: pairKey(username, ip), max }];
  if (ip) limits.push({ key: addressKey(ip), max: max * ADDRESS_LIMIT_FACTOR });
  for (const { key, max: limit } of limits) {
    const { failures, resetAt } = liveFailures(key, now);
    if (failures >= limit) {
      const retryAfterSeconds = Math.ceil((resetAt - now) / 1000);
      throw tooManyRequests(`Too many failed login attempts; try again in ${retryAfterSeconds} s`, retryAfterSeconds);
    }
  }
  const delay = loginDelayMs(liveFailures(usernameKey(username), now).failures, max);
  if (delay > 0) await sleep(delay);
}

export function recordLoginFailure(username: string, ip: string | null, now = Date.now()): void {
  const windowMs = getConfig().AXONGATE_LOGIN_WINDOW_SECONDS * 1000;
  const keys = [pairKey(username, ip), usernameKey(username), ...(ip ? [addressKey(ip)] : [])];
  for (const key of keys) {
    const window = windows.get(key);
    if (window && window.resetAt > now) window.failures += 1;
    else windows.set(key, { failures: 1, resetAt: now + windowMs });
  }
}

/** A successful login forgives that address's failures on the account; the account's slowdown runs out by itself. */
export function clearLoginFailures(username: string, ip: string | null): void {
  windows.delete(pairKey(username, ip));
}
