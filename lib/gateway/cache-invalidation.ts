import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { getConfig } from '../config';
import { db } from '../db';

// Cache invalidation across instances: the writer clears its own caches at once and publishes through
// PostgreSQL NOTIFY; every instance LISTENs on one dedicated connection and clears on receipt. While that
// connection is down, notifications can be missed, so the caches then trust entries for FALLBACK_MAX_AGE_MS
// only, and everything is cleared when it is back.

export const CACHE_CHANNEL = 'axongate_cache';
export const FALLBACK_MAX_AGE_MS = 1000;

/** What changed: routes (providers, keys, models, prices) or user tokens (revoke, regenerate, user disabled). */
export type CacheScope = 'routes' | 'user-tokens' | 'all';

type Message = { scope: CacheScope; origin: string };

const INSTANCE_ID = randomUUID();
const handlers = new Set<(scope: CacheScope) => void>();

type ListenerState = {
  client: pg.Client | null;
  live: boolean;
  started: boolean;
  stopped: boolean;
  retryDelayMs: number;
  retryTimer: NodeJS.Timeout | null;
  ready: Promise<void>;
  markReady: () => void;
};

const holder = globalThis as unknown as { axongateCacheListener?: ListenerState };

function listenerState(): ListenerState {
  if (!holder.axongateCacheListener) {
    let markReady = () => {};
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    holder.axongateCacheListener = {
      client: null,
      live: false,
      started: false,
      stopped: false,
      retryDelayMs: 500,
      retryTimer: null,
      ready,
      markReady,
    };
  }
  return holder.axongateCacheListener;
}

/** Registers a cache's clear function; returns the unregister function. */
export function onCacheInvalidation(handler: (scope: CacheScope) => void): () => void {
  handlers.add(handler);
  return () => handlers.delete(handler);
}

function clearLocal(scope: CacheScope): void {
  for (const handler of handlers) handler(scope);
}

/**
 * Clears the gateway caches here and on every other instance. Call it after an admin write that changes
 * routes or tokens has committed. It never throws: the write succeeded, and a lost notification is bounded
 * by the cache TTLs and by the listeners' reconnect clearing.
 */
export async function invalidateGatewayCaches(scope: CacheScope): Promise<void> {
  clearLocal(scope);
  const message: Message = { scope, origin: INSTANCE_ID };
  try {
    await db.$executeRaw`SELECT pg_notify(${CACHE_CHANNEL}, ${JSON.stringify(message)})`;
  } catch (error) {
    console.error('[axongate] cache invalidation could not be published:', (error as Error).message);
  }
}

/** Whether this instance currently hears invalidations; caches shorten their trust when it does not. */
export function isInvalidationLive(): boolean {
  return listenerState().live;
}

/** Starts the LISTEN connection once per process; resolves when it first listens (callers need not wait). */
export function ensureCacheListener(): Promise<void> {
  const state = listenerState();
  if (!state.started) {
    state.started = true;
    state.stopped = false;
    void connect(state);
  }
  return state.ready;
}

async function connect(state: ListenerState): Promise<void> {
  const { DATABASE_URL } = getConfig();
  if (!DATABASE_URL || state.stopped) return;
  const client = new pg.Client({ connectionString: DATABASE_URL, keepAlive: true });
  state.client = client;
  client.on('notification', (notification) => {
    if (notification.channel !== CACHE_CHANNEL || !notification.payload) return;
    const message = parseMessage(notification.payload);
    if (message && message.origin !== INSTANCE_ID) clearLocal(message.scope);
  });
  client.on('error', () => handleDrop(state, client));
  client.on('end', () => handleDrop(state, client));
  try {
    await client.connect();
    await client.query(`LISTEN ${CACHE_CHANNEL}`);
    if (state.client !== client || state.stopped) return;
    // Anything published while we were not listening was missed.
    clearLocal('all');
    state.live = true;
    state.retryDelayMs = 500;
    state.markReady();
  } catch (error) {
    console.error('[axongate] cache listener could not connect:', (error as Error).message);
    handleDrop(state, client);
  }
}

function handleDrop(state: ListenerState, client: pg.Client): void {
  if (state.client !== client) return;
  state.client = null;
  state.live = false;
  client.removeAllListeners('notification');
  client.end().catch(() => undefined);
  if (state.stopped || state.retryTimer) return;
  const delay = state.retryDelayMs;
  state.retryDelayMs = Math.min(state.retryDelayMs * 2, 30_000);
  state.retryTimer = setTimeout(() => {
    state.retryTimer = null;
    void connect(state);
  }, delay);
  state.retryTimer.unref();
}

function parseMessage(payload: string): Message | undefined {
  try {
    const parsed = JSON.parse(payload) as Partial<Message>;
    const scope = parsed.scope;
    if (scope === 'routes' || scope === 'user-tokens' || scope === 'all') return { scope, origin: String(parsed.origin ?? '') };
  } catch {
    // A foreign or malformed payload on our channel: clearing everything is the safe answer.
  }
  return { scope: 'all', origin: '' };
}

/** Closes the LISTEN connection (shutdown and tests). */
export async function stopCacheListener(): Promise<void> {
  const state = listenerState();
  state.stopped = true;
  state.started = false;
  state.live = false;
  if (state.retryTimer) clearTimeout(state.retryTimer);
  state.retryTimer = null;
  const client = state.client;
  state.client = null;
  if (client) await client.end().catch(() => undefined);
  holder.axongateCacheListener = undefined;
}
