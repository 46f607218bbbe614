import type { ApiServices } from '../api';
import { InvalidationBus } from '../cache/invalidation-bus';
import { openRedisClient, type RedisClient } from '../cache/redis';
import { redisInvalidationRelay } from '../cache/redis-invalidation';
import { getConfig, type AppConfig } from '../config';
import { db } from '../db';
import { createEngineContract, type EngineContract } from '../engine-contract';
import { createGateway, createGatewayContext, readGatewaySettings, type Gateway, type GatewayDependencies, type ProviderHosts } from '../gateway';
import { InFlightRequests } from '../lifecycle/in-flight';
import { processLogger, type Logger } from '../log';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { RoleAuthorizer } from '../rbac';
import { openSecret } from '../secrets';
import { startTracing, tracingSettingsOf, type Tracing } from '../tracing';
import { UsageRecorder } from '../usage';

// The one place the layers are tied together: the server's parts, built once per process from the
// configuration and handed to what needs them. Everything below lib/server receives its state from here.

export type ServerRuntime = {
  config: AppConfig;
  logger: Logger;
  invalidation: InvalidationBus;
  usage: UsageRecorder;
  metrics: GatewayMetrics;
  inFlight: InFlightRequests;
  redis: RedisClient | null;
  authorizer: RoleAuthorizer;
  gateway: Gateway;
  engine: EngineContract;
  api: ApiServices;
  /** AXONGATE_PROVIDER_HOSTS, for the provider writes and the provider test (the gateway holds the same). */
  providerHosts: ProviderHosts;
  /** OpenTelemetry traces (off unless OTEL_EXPORTER_OTLP_ENDPOINT or …_TRACES_ENDPOINT is set); the gateway has its tracer. */
  tracing: Tracing;
};

/** Parts a caller (a test) supplies itself instead of the production ones. */
export type RuntimeOverrides = Pick<Partial<GatewayDependencies>, 'upstream' | 'fetchMedia' | 'now' | 'logger'>;

export function createServerRuntime(config: AppConfig, overrides: RuntimeOverrides = {}): ServerRuntime {
  // First: it refuses a malformed AXONGATE_PROVIDER_HOSTS before any connection is opened.
  const settings = readGatewaySettings(config);
  const logger = overrides.logger ?? processLogger;
  const redis = config.REDIS_URL ? openRedisClient(config.REDIS_URL) : null;
  const invalidation = new InvalidationBus({
    databaseUrl: config.DATABASE_URL,
    notify: (channel, payload) => db.$executeRaw`SELECT pg_notify(${channel}, ${payload})`,
    relay: redis ? redisInvalidationRelay(redis, `${config.AXONGATE_REDIS_KEY_PREFIX}cache`) : undefined,
    log: (message) => logger.error(message),
  });
  const usage = new UsageRecorder({ flushMs: config.AXONGATE_USAGE_FLUSH_MS, batchSize: config.AXONGATE_USAGE_BATCH_SIZE, logger });
  const metrics = new GatewayMetrics();
  const inFlight = new InFlightRequests();
  const authorizer = new RoleAuthorizer();
  const tracing = startTracing(tracingSettingsOf(config), logger);
  const gateway = createGateway(
    createGatewayContext({
      settings,
      db,
      invalidation,
      openSecret,
      usage,
      metrics,
      inFlight,
      redis,
      redisKeyPrefix: config.AXONGATE_REDIS_KEY_PREFIX,
      tracer: tracing.tracer,
      ...overrides,
      logger,
    }),
  );
  void invalidation.start();
  return {
    config,
    logger,
    invalidation,
    usage,
    metrics,
    inFlight,
    redis,
    authorizer,
    gateway,
    engine: createEngineContract(gateway, config),
    api: {
      can: (role, path, method) => authorizer.can(role, path, method),
      publish: (scope) => invalidation.publish(scope),
      publicOrigin: config.NEXTAUTH_URL ? new URL(config.NEXTAUTH_URL).origin : null,
    },
    providerHosts: settings.providerHosts,
    tracing,
  };
}

/** Writes what is queued (usage rows, the last spans) and closes every connection the runtime opened. */
export async function closeServerRuntime(runtime: ServerRuntime): Promise<void> {
  await runtime.usage.flush();
  runtime.redis?.destroy();
  await Promise.allSettled([runtime.invalidation.stop(), runtime.gateway.close(), runtime.tracing.shutdown()]);
}

// Next may evaluate this module more than once in one process (instrumentation and each route bundle), so the
// runtime lives under a global symbol: this is the process's only holder of state outside the Prisma client.
const RUNTIME_KEY = Symbol.for('axongate.serverRuntime');
const processGlobals = globalThis as { [RUNTIME_KEY]?: ServerRuntime };

/** The process's runtime, built on first use from the environment's configuration. */
export function serverRuntime(): ServerRuntime {
  processGlobals[RUNTIME_KEY] ??= createServerRuntime(getConfig());
  return processGlobals[RUNTIME_KEY];
}
