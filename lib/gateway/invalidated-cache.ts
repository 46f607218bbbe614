import { FALLBACK_MAX_AGE_MS, isInvalidationLive, onCacheInvalidation, type CacheScope } from './cache-invalidation';
import { ExpiringCache } from './expiring-cache';

/** lru-cache stores neither null nor undefined. */
type Present = NonNullable<unknown>;

/**
 * An ExpiringCache that clears itself on invalidations of its scope and fills misses through one shared load
 * per key. A load that began before an invalidation does not store its (possibly stale) result.
 */
export class InvalidatedCache<K extends Present, V extends Present> {
  private readonly cache: ExpiringCache<K, V>;
  private readonly loading = new Map<K, Promise<V>>();
  private generation = 0;

  constructor(scope: Exclude<CacheScope, 'all'>, max: number) {
    this.cache = new ExpiringCache<K, V>({ max });
    onCacheInvalidation((changed) => {
      if (changed === scope || changed === 'all') this.clear();
    });
  }

  async getOrLoad(key: K, load: () => Promise<V>): Promise<V> {
    const cached = this.cache.get(key, isInvalidationLive() ? undefined : FALLBACK_MAX_AGE_MS);
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

  clear(): void {
    this.generation++;
    this.cache.clear();
    this.loading.clear();
  }
}
