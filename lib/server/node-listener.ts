import type { GatewayNodeListener } from '../gateway';
import { createMetricsNodeListener } from './metrics-access';
import { renderMetrics } from './render-metrics';
import type { ServerRuntime } from './runtime';

/**
 * What the production server (scripts/server.mjs) serves straight off node:http before Next: GET /api/metrics,
 * which needs the socket's peer address, and the /v1 endpoints. Returns false for every other request.
 */
export function createServerNodeListener(runtime: ServerRuntime): GatewayNodeListener {
  const metrics = createMetricsNodeListener({ token: runtime.config.AXONGATE_METRICS_TOKEN, render: () => renderMetrics(runtime) });
  return (req, res) => metrics(req, res) || runtime.gateway.nodeListener(req, res);
}
