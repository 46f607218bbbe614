// Server wiring: the runtime that ties the layers together, and what app/ and instrumentation.ts need of it.
export { apiRoute, publicApiRoute } from './api-routes';
export { answerMetricsRequest, createMetricsNodeListener } from './metrics-access';
export { createServerNodeListener } from './node-listener';
export { renderMetrics } from './render-metrics';
export { closeServerRuntime, createServerRuntime, serverRuntime, type RuntimeOverrides, type ServerRuntime } from './runtime';
export { startServer } from './start-server';
