import { ExpiringCache } from './expiring-cache';
import { FALLBACK_MAX_AGE_MS, type CacheScope, type InvalidationFeed } from './invalidation-bus';

/** lru-cache stores neither null nor undefined. */
type Present = NonNullable<unknown>;

export type InvalidatedCacheOptions = {
  scope: Exclude<CacheScope, 'all'>;
  max: number;
  feed: InvalidationFeed;
  now?: () => number;
};

/** After a load failed, entries that have a stale value are served without asking again for this long. */
const RETRY_AFTER_FAILURE_MS = 1000;

/**
 * An ExpiringCache that clears itself on invalidations of its scope and fills misses through one shared load
 * per key. A load that began before an invalidation does not store its (possibly stale) result. When a load fails
 * (the database is down), the last value of the key is served instead, however old: nothing that changed can be
 * missed, because every change clears the cache, and the bus clears everything when it hears again after a gap.
 */
export class InvalidatedCache<K extends Present, V extends Present> {
  private readonly cache: ExpiringCache<K, V>;
  private readonly feed: InvalidationFeed;
  private readonly loading = new Map<K, Promise<V>>();
  private readonly unsubscribe: () => void;
  private generation = 0;
  private failedAt = -Infinity;
  private readonly now: () => number;

  constructor(options: InvalidatedCacheOptions) {
    this.now = options.now ?? Date.now;
    this.cache = new ExpiringCache<K, V>({ max: options.max, now: this.now });
    this.feed = options.feed;
    this.unsubscribe = options.feed.subscribe((changed) => {
      if (changed === options.scope || changed === 'all') this.clear();
    });
  }

  async getOrLoad(key: K, load: () => Promise<V>): Promise<V> {
    const cached = this.cache.get(key, this.feed.isLive() ? undefined : FALLBACK_MAX_AGE_MS);
    if (cached !== undefined) return cached;
    const stale = this.cache.peekStale(key);
    if (stale !== undefined && this.now() - this.failedAt < RETRY_AFTER_FAILURE_MS) return stale;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const promise = load()
      .then(
        (value) => {
          if (generation === this.generation) this.cache.set(key, value);
          return value;
        },
        (error: unknown) => {
          this.failedAt = this.now();
          const last = generation === this.generation ? this.cache.peekStale(key) : undefined;
          if (last === undefined) throw error;
          return last;
        },
      )
      .finally(() => {
        if (this.loading.get(key) === promise) this.loading.delete(key);
      });
    this.loading.set(key, promise);
    return promise;
  }

  /** Stops listening for invalidations (a gateway that is closed). */
  dispose(): void {
    this.unsubscribe();
    this.clear();
  }

  clear(): void {
    this.generation++;
    this.cache.clear();
    this.loading.clear();
  }
}
