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

/**
 * An ExpiringCache that clears itself on invalidations of its scope and fills misses through one shared load
 * per key. A load that began before an invalidation does not store its (possibly stale) result.
 */
export class InvalidatedCache<K extends Present, V extends Present> {
  private readonly cache: ExpiringCache<K, V>;
  private readonly feed: InvalidationFeed;
  private readonly loading = new Map<K, Promise<V>>();
  private readonly unsubscribe: () => void;
  private generation = 0;

  constructor(options: InvalidatedCacheOptions) {
    this.cache = new ExpiringCache<K, V>({ max: options.max, now: options.now });
    this.feed = options.feed;
    this.unsubscribe = options.feed.subscribe((changed) => {
      if (changed === options.scope || changed === 'all') this.clear();
    });
  }

  async getOrLoad(key: K, load: () => Promise<V>): Promise<V> {
    const cached = this.cache.get(key, this.feed.isLive() ? undefined : FALLBACK_MAX_AGE_MS);
    if (cached !== undefined) return cached;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const promise = load()
      .then((value) => {
        if (generation === this.generation) this.cache.set(key, value);
        return value;
      })
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
