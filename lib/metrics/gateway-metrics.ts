import { Counter, Histogram } from './registry';

// The gateway's metrics (SPEC §8). Updating them is a few map operations, cheap enough for the request path.

const LATENCY_BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

type GatewayMetrics = { requests: Counter; latency: Histogram; ttft: Histogram; upstreamErrors: Counter };

const holder = globalThis as unknown as { axongateMetrics?: GatewayMetrics };

export function gatewayMetrics(): GatewayMetrics {
  holder.axongateMetrics ??= {
    requests: new Counter('axongate_requests_total', 'Model requests answered, by protocols, status and HTTP status.'),
    latency: new Histogram('axongate_request_duration_seconds', 'Time from arrival to the end of the answer.', LATENCY_BOUNDS),
    ttft: new Histogram('axongate_time_to_first_token_seconds', 'Time from arrival to the first byte of the upstream answer.', LATENCY_BOUNDS),
    upstreamErrors: new Counter('axongate_upstream_errors_total', 'Failed upstream attempts, by provider and reason.'),
  };
  return holder.axongateMetrics;
}

export type FinishedRequest = {
  clientProtocol: string;
  upstreamProtocol: string | null;
  status: 'ok' | 'error';
  httpStatus: number;
  latencyMs: number;
  ttftMs: number | null;
};

export function observeFinishedRequest(request: FinishedRequest): void {
  const metrics = gatewayMetrics();
  const protocols = { client_protocol: request.clientProtocol, upstream_protocol: request.upstreamProtocol ?? 'none' };
  metrics.requests.inc({ ...protocols, status: request.status, http_status: String(request.httpStatus) });
  metrics.latency.observe(request.latencyMs / 1000, protocols);
  if (request.ttftMs !== null) metrics.ttft.observe(request.ttftMs / 1000, protocols);
}

export function observeUpstreamError(provider: string, reason: string): void {
  gatewayMetrics().upstreamErrors.inc({ provider, reason });
}
