// Gateways for tests: each over a fresh context (closed circuits, empty caches, its own settings) that shares
// the process runtime's invalidation bus, usage recorder and metrics, so admin writes made through the API
// routes reach it and its usage rows are flushed with the others.
import { createGateway, createGatewayContext, createMediaFetcher, readGatewaySettings, type Gateway, type GatewaySettings } from '../../lib/gateway';
import type { GatewayDependencies } from '../../lib/gateway';
import { openSecret } from '../../lib/secrets';
import { serverRuntime } from '../../lib/server/runtime';
import { db } from '../../lib/db';

export type TestGatewayOptions = {
  settings?: Partial<GatewaySettings>;
  /** Image URLs on 127.0.0.1 may be fetched (the test's image server); every other blocked range stays blocked. */
  allowLoopbackMedia?: boolean;
} & Pick<Partial<GatewayDependencies>, 'upstream' | 'now' | 'redis' | 'redisKeyPrefix' | 'inFlight' | 'usage' | 'logger' | 'tracer'>;

export function createTestGateway(options: TestGatewayOptions = {}): Gateway {
  const runtime = serverRuntime();
  return createGateway(
    createGatewayContext({
      settings: { ...readGatewaySettings(runtime.config), ...options.settings },
      db,
      invalidation: runtime.invalidation,
      openSecret,
      logger: options.logger ?? runtime.logger,
      usage: options.usage ?? runtime.usage,
      metrics: runtime.metrics,
      inFlight: options.inFlight ?? runtime.inFlight,
      redis: options.redis ?? null,
      redisKeyPrefix: options.redisKeyPrefix ?? runtime.config.AXONGATE_REDIS_KEY_PREFIX,
      fetchMedia: createMediaFetcher({ allowLoopback: options.allowLoopbackMedia ?? false }),
      upstream: options.upstream,
      now: options.now,
      tracer: options.tracer,
    }),
  );
}

let current: Gateway | undefined;

/** The gateway the call helpers use until a test file starts a fresh one. */
export function testGateway(): Gateway {
  current ??= createTestGateway();
  return current;
}

/** Replaces the helpers' gateway with a fresh one (in a beforeEach: every case starts with closed circuits). */
export function useFreshTestGateway(options: TestGatewayOptions = {}): Gateway {
  void current?.close();
  current = createTestGateway(options);
  return current;
}

/** Writes the usage rows every test gateway has queued. */
export function flushTestUsage(): Promise<void> {
  return serverRuntime().usage.flush();
}

/** End of a test file: closes the helpers' gateway and the runtime's LISTEN connection, after writing queued rows. */
export async function closeTestGateways(): Promise<void> {
  await current?.close();
  current = undefined;
  const runtime = serverRuntime();
  await runtime.usage.flush();
  await runtime.invalidation.stop();
}
