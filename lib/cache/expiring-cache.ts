import { LRUCache } from 'lru-cache';

/** lru-cache stores neither null nor undefined. */
type Present = NonNullable<unknown>;

// The gateway's caches: bounded, a sliding idle TTL (reading an entry keeps it alive), and a hard age cap so
// an entry that is read constantly is still re-read from the database at least once a day.

export const SLIDING_TTL_MS = 5 * 60 * 1000;

// Bounded in bytes as well as in entries: keys come from requests (a model name, a token's hash), and an entry
// for a key that was never found costs as much as its key. Values are small records the entry overhead covers.
const ENTRY_OVERHEAD_BYTES = 256;
const MAX_KEY_BYTES = 16 * 1024;
const BYTES_PER_ENTRY_ON_AVERAGE = 1024;

function entryBytes(key: unknown): number {
  return ENTRY_OVERHEAD_BYTES + (typeof key === 'string' ? key.length * 2 : 8);
}
export const HARD_CAP_MS = 24 * 60 * 60 * 1000;

type Stamped<V> = { value: V; createdAt: number };

export type ExpiringCacheOptions = {
  max: number;
  ttlMs?: number;
  hardCapMs?: number;
  /** Injected clock for tests; it drives both lru-cache's TTL and the hard cap. */
  now?: () => number;
};

export class ExpiringCache<K extends Present, V extends Present> {
  private readonly lru: LRUCache<K, Stamped<V>>;
  private readonly hardCapMs: number;
  private readonly now: () => number;

  constructor(options: ExpiringCacheOptions) {
    this.hardCapMs = options.hardCapMs ?? HARD_CAP_MS;
    this.now = options.now ?? Date.now;
    this.lru = new LRUCache<K, Stamped<V>>({
      max: options.max,
      maxSize: options.max * BYTES_PER_ENTRY_ON_AVERAGE,
      // A key longer than this is not cached at all: the next request asks again.
      maxEntrySize: ENTRY_OVERHEAD_BYTES + MAX_KEY_BYTES * 2,
      sizeCalculation: (_value, key) => entryBytes(key),
      ttl: options.ttlMs ?? SLIDING_TTL_MS,
      updateAgeOnGet: true,
      ttlAutopurge: false,
      // An expired entry stays until it is replaced or evicted: peekStale() serves it while a reload fails.
      noDeleteOnStaleGet: true,
      // Read the clock on every check: the default 1 ms resolution caches it behind a timer.
      ttlResolution: 0,
      perf: { now: this.now },
    });
  }

  /** `maxAgeMs` tightens the hard cap for this read (used while invalidations may be missed). */
  get(key: K, maxAgeMs: number = this.hardCapMs): V | undefined {
    const entry = this.lru.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.createdAt >= Math.min(maxAgeMs, this.hardCapMs)) return undefined;
    return entry.value;
  }

  /** The entry however old, for when a fresh one cannot be had. */
  peekStale(key: K): V | undefined {
    return this.lru.peek(key, { allowStale: true })?.value;
  }

  set(key: K, value: V): void {
    this.lru.set(key, { value, createdAt: this.now() });
  }

  delete(key: K): void {
    this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }

  get size(): number {
    return this.lru.size;
  }
}
