import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { InvalidationRelay } from './redis-invalidation';

// Cache invalidation across instances: the writer clears its own caches at once and publishes through
// PostgreSQL NOTIFY; every instance LISTENs on one dedicated connection and clears on receipt. While that
// connection is down, notifications can be missed, so caches then trust entries for FALLBACK_MAX_AGE_MS only,
// and everything is cleared when it is back. With Redis, the same messages also travel through its pub/sub (a
// relay): changes are heard, and caches keep their trust, as long as either path is up.

export const CACHE_CHANNEL = 'axongate_cache';
export const FALLBACK_MAX_AGE_MS = 1000;

/** What changed: routes (providers, keys, models, prices) or user tokens (revoke, regenerate, user disabled). */
export type CacheScope = 'routes' | 'user-tokens' | 'all';

/** What a cache needs to hear about changes. */
export type InvalidationFeed = {
  /** Registers a cache's clear function; returns the unregister function. */
  subscribe(handler: (scope: CacheScope) => void): () => void;
  /** Whether changes are heard right now; caches shorten their trust when they are not. */
  isLive(): boolean;
};

export type InvalidationBusOptions = {
  /** The LISTEN connection's database; without one, only this process's own writes are heard. */
  databaseUrl: string | undefined;
  /** Sends one NOTIFY (through the app's pool, so publishing works while the LISTEN connection reconnects). */
  notify(channel: string, payload: string): Promise<unknown>;
  /** A second path for the messages (Redis pub/sub when REDIS_URL is set). */
  relay?: InvalidationRelay;
  log: (message: string) => void;
};

type Message = { scope: CacheScope; origin: string };

const INITIAL_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

export class InvalidationBus implements InvalidationFeed {
  private readonly origin = randomUUID();
  private readonly handlers = new Set<(scope: CacheScope) => void>();
  private readonly log: (message: string) => void;
  private client: pg.Client | null = null;
  private live = false;
  private started = false;
  private stopped = false;
  private retryDelayMs = INITIAL_RETRY_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly ready: Promise<void>;
  private markReady: () => void = () => {};

  constructor(private readonly options: InvalidationBusOptions) {
    this.log = options.log;
    this.ready = new Promise<void>((resolve) => (this.markReady = resolve));
  }

  subscribe(handler: (scope: CacheScope) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  isLive(): boolean {
    return this.live || (this.options.relay?.isLive() ?? false);
  }

  /**
   * Clears the caches here and on every other instance. Call it after a write that changes routes or tokens has
   * committed. It never throws: the write succeeded, and a lost notification is bounded by the cache TTLs and by
   * the listeners' reconnect clearing.
   */
  async publish(scope: CacheScope): Promise<void> {
    this.clearLocal(scope);
    const payload = JSON.stringify({ scope, origin: this.origin } satisfies Message);
    const paths = [this.options.notify(CACHE_CHANNEL, payload), ...(this.options.relay ? [this.options.relay.publish(payload)] : [])];
    const results = await Promise.allSettled(paths);
    for (const result of results) {
      if (result.status === 'rejected') this.log(`cache invalidation could not be published: ${(result.reason as Error).message}`);
    }
  }

  /** Starts the LISTEN connection once; resolves when it first listens (callers need not wait). */
  start(): Promise<void> {
    if (!this.started) {
      this.started = true;
      this.stopped = false;
      this.options.relay?.start((payload) => this.receive(payload), () => this.clearLocal('all'));
      void this.connect();
    }
    return this.ready;
  }

  /** Closes the LISTEN connection (shutdown and tests). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.started = false;
    this.live = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const client = this.client;
    this.client = null;
    await this.options.relay?.stop();
    if (client) await client.end().catch(() => undefined);
  }

  private receive(payload: string): void {
    const message = parseMessage(payload);
    if (message.origin !== this.origin) this.clearLocal(message.scope);
  }

  private clearLocal(scope: CacheScope): void {
    for (const handler of this.handlers) handler(scope);
  }

  private async connect(): Promise<void> {
    const { databaseUrl } = this.options;
    if (!databaseUrl || this.stopped) return;
    const client = new pg.Client({ connectionString: databaseUrl, keepAlive: true });
    this.client = client;
    client.on('notification', (notification) => {
      if (notification.channel === CACHE_CHANNEL && notification.payload) this.receive(notification.payload);
    });
    client.on('error', () => this.handleDrop(client));
    client.on('end', () => this.handleDrop(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CACHE_CHANNEL}`);
      if (this.client !== client || this.stopped) return;
      // Anything published while we were not listening was missed.
      this.clearLocal('all');
      this.live = true;
      this.retryDelayMs = INITIAL_RETRY_MS;
      this.markReady();
    } catch (error) {
      this.log(`cache listener could not connect: ${(error as Error).message}`);
      this.handleDrop(client);
    }
  }

  private handleDrop(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.live = false;
    client.removeAllListeners('notification');
    client.end().catch(() => undefined);
    if (this.stopped || this.retryTimer) return;
    const delay = this.retryDelayMs;
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, MAX_RETRY_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
    this.retryTimer.unref();
  }
}

function parseMessage(payload: string): Message {
  try {
    const parsed = JSON.parse(payload) as Partial<Message>;
    const scope = parsed.scope;
    if (scope === 'routes' || scope === 'user-tokens' || scope === 'all') return { scope, origin: String(parsed.origin ?? '') };
  } catch {
    // A foreign or malformed payload on our channel: clearing everything is the safe answer.
  }
  return { scope: 'all', origin: '' };
}
