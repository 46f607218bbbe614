import { startPriceRefresh } from '../catalogue';
import { getConfig } from '../config';
import { processLogger } from '../log';
import { bootstrap } from './bootstrap';
import { registerGracefulShutdown } from './graceful-shutdown';
import { createServerNodeListener } from './node-listener';
import { serverRuntime } from './runtime';

const LISTENER_KEY = Symbol.for('axongate.gatewayNodeListener');

/**
 * Runs once per server process (instrumentation.ts) before it accepts requests: migrations, vault key,
 * policies, admin user; the catalogue's price refresh when it is on; then the runtime, its stop-signal handling, and the node listener (/v1 and
 * /api/metrics) handed to the production server (scripts/server.mjs), which loads the app through Next and
 * cannot import it.
 */
export async function startServer(): Promise<void> {
  const config = getConfig();
  await bootstrap(config);
  if (config.AXONGATE_CATALOGUE_REFRESH_HOURS > 0) {
    startPriceRefresh({ intervalMs: config.AXONGATE_CATALOGUE_REFRESH_HOURS * 3_600_000, log: (message) => processLogger.info(message) });
  }
  const runtime = serverRuntime();
  // With tracing on, the SDK loads in the background; the first requests are traced too once it has.
  await runtime.tracing.ready;
  registerGracefulShutdown(runtime);
  (globalThis as Record<symbol, unknown>)[LISTENER_KEY] = createServerNodeListener(runtime);
}
