import type { GatewayNodeListener } from '../gateway';
import { parseTrustedProxies, stampClientAddress } from '../http/client-address';
import { createMetricsNodeListener } from './metrics-access';
import { renderMetrics } from './render-metrics';
import type { ServerRuntime } from './runtime';

/**
 * What the production server (scripts/server.mjs) runs for every request before Next: it serves GET /api/metrics and
 * the engine contract (both need the socket's peer address) and the /v1 endpoints, and stamps the caller's address
 * on every other request, which goes on to Next (it returns false for those).
 */
export function createServerNodeListener(runtime: ServerRuntime): GatewayNodeListener {
  const metrics = createMetricsNodeListener({ token: runtime.config.AXONGATE_METRICS_TOKEN, render: () => renderMetrics(runtime) });
  const trustedProxies = parseTrustedProxies(runtime.config.AXONGATE_TRUSTED_PROXIES);
  return (req, res) => {
    // The engine contract works out the caller's address from the socket itself (its loopback mode needs the peer).
    if (metrics(req, res) || runtime.gateway.nodeListener(req, res) || runtime.engine.nodeListener(req, res)) return true;
    // Only what goes on to Next reads the stamped address (login limits, the engine contract's route files): /v1 pays nothing.
    stampClientAddress(req, trustedProxies);
    return false;
  };
}
