import type { InvalidationFeed } from '../../cache/invalidation-bus';
import type { RedisClient } from '../../cache/redis';
import type { Db } from '../../db';
import type { InFlightRequests } from '../../lifecycle/in-flight';
import type { Logger } from '../../log';
import type { GatewayMetrics } from '../../metrics/gateway-metrics';
import { noTracer, type SpanStarter } from '../../tracing';
import type { UsageSink } from '../../usage';
import { LastUsedStamps } from '../access/last-used-stamps';
import { SpendGuard } from '../access/spend-guard';
import { StoredResponses } from '../responses/stored-responses';
import type { RateLimiter } from '../access/rate-limiter';
import { createRateLimiter } from '../access/shared-rate-limiter';
import { TokenStore } from '../access/token-store';
import { createMediaFetcher, type MediaFetcher } from '../media/safe-media-fetch';
import { CircuitBreakers } from '../routing/circuit-breaker';
import { RouteStore } from '../routing/route-store';
import type { GatewaySettings } from './settings';
import { UpstreamClient, type UpstreamSender } from '../upstream/upstream-client';
import { ProviderKeyHealth } from '../upstream/provider-key-health';

// Everything the gateway core works with, built once when the server starts and handed down: nothing below
// reaches for process state of its own. Tests build their own context with the pieces they need.

export type GatewayContext = {
  settings: GatewaySettings;
  now: () => number;
  /** One line per finished request (info), failures of the gateway's own parts (error), detail (debug). */
  logger: Logger;
  /** The logger's error line, for the parts that only report failures. */
  log: (message: string) => void;
  tokens: TokenStore;
  lastUsed: LastUsedStamps;
  routes: RouteStore;
  budgets: SpendGuard;
  storedResponses: StoredResponses;
  rateLimiter: RateLimiter;
  circuits: CircuitBreakers;
  upstream: UpstreamSender;
  keyHealth: Pick<ProviderKeyHealth, 'noteError'>;
  fetchMedia: MediaFetcher;
  usage: UsageSink;
  metrics: GatewayMetrics;
  inFlight: InFlightRequests;
  /** A span per model request and per upstream attempt; `noTracer` (lib/tracing) when tracing is off. */
  tracer: SpanStarter;
};

/** What the server hands the gateway; the optional parts have production defaults. */
export type GatewayDependencies = {
  settings: GatewaySettings;
  db: Db;
  /** Admin writes reach the token and route caches through it. */
  invalidation: InvalidationFeed;
  /** Opens a sealed provider key (the vault). */
  openSecret: (sealed: string) => Promise<string>;
  usage: UsageSink;
  metrics: GatewayMetrics;
  inFlight: InFlightRequests;
  /** Shares rpm_limit counts across instances; null counts in process. */
  redis: RedisClient | null;
  redisKeyPrefix: string;
  logger: Logger;
  now?: () => number;
  fetchMedia?: MediaFetcher;
  upstream?: UpstreamSender;
  /** Off (`noTracer`) unless given. */
  tracer?: SpanStarter;
};

export function createGatewayContext(deps: GatewayDependencies): GatewayContext {
  const { settings, db } = deps;
  const now = deps.now ?? Date.now;
  const { logger } = deps;
  const log = (message: string) => logger.error(message);
  const lastUsed = new LastUsedStamps(db, log);
  return {
    settings,
    now,
    logger,
    log,
    lastUsed,
    tokens: new TokenStore({ db, feed: deps.invalidation, max: settings.routeCacheMax, lastUsed, now }),
    routes: new RouteStore({ db, feed: deps.invalidation, max: settings.routeCacheMax, openSecret: deps.openSecret, providerHosts: settings.providerHosts, log, now }),
    budgets: new SpendGuard({ db, now, log }),
    storedResponses: new StoredResponses({ db, retentionDays: settings.responsesRetentionDays, now, log }),
    rateLimiter: createRateLimiter(deps.redis, deps.redisKeyPrefix),
    circuits: new CircuitBreakers({ failureThreshold: settings.circuitFailures, cooldownMs: settings.circuitCooldownMs, now }),
    upstream:
      deps.upstream ??
      new UpstreamClient({
        connectTimeoutMs: settings.connectTimeoutMs,
        streamIdleTimeoutMs: settings.streamIdleTimeoutMs,
        maxConnections: settings.upstreamMaxConnections,
      }),
    keyHealth: new ProviderKeyHealth(db, log, now),
    fetchMedia: deps.fetchMedia ?? createMediaFetcher(),
    usage: deps.usage,
    metrics: deps.metrics,
    inFlight: deps.inFlight,
    tracer: deps.tracer ?? noTracer,
  };
}
