// GET /api/metrics – Prometheus text: requests, latency and TTFT histograms, upstream errors, circuit states.
// The production server answers this path itself (lib/server/metrics-access.ts), where the socket's address is
// known; this route serves it wherever the app runs under Next alone, and there only with AXONGATE_METRICS_TOKEN.
import { answerMetricsRequest, renderMetrics, serverRuntime } from '@/lib/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(request: Request): Response {
  const server = serverRuntime();
  return answerMetricsRequest(request.headers, null, { token: server.config.AXONGATE_METRICS_TOKEN, render: () => renderMetrics(server) });
}
