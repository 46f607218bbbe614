import { Counter, Histogram } from './registry';

// The gateway's metrics: requests by protocols and status, latency and time-to-first-token histograms, failed
// upstream attempts. Updating them is a few map operations, cheap enough for the request path.

const LATENCY_BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export type FinishedRequest = {
  clientProtocol: string;
  upstreamProtocol: string | null;
  status: 'ok' | 'error';
  httpStatus: number;
  latencyMs: number;
  ttftMs: number | null;
};

export class GatewayMetrics {
  readonly requests = new Counter('axongate_requests_total', 'Model requests answered, by protocols, status and HTTP status.');
  readonly latency = new Histogram('axongate_request_duration_seconds', 'Time from arrival to the end of the answer.', LATENCY_BOUNDS);
  readonly ttft = new Histogram('axongate_time_to_first_token_seconds', 'Time from arrival to the first byte of the upstream answer.', LATENCY_BOUNDS);
  readonly upstreamErrors = new Counter('axongate_upstream_errors_total', 'Failed upstream attempts, by provider and reason.');

  observeFinishedRequest(request: FinishedRequest): void {
    const protocols = { client_protocol: request.clientProtocol, upstream_protocol: request.upstreamProtocol ?? 'none' };
    this.requests.inc({ ...protocols, status: request.status, http_status: String(request.httpStatus) });
    this.latency.observe(request.latencyMs / 1000, protocols);
    if (request.ttftMs !== null) this.ttft.observe(request.ttftMs / 1000, protocols);
  }

  observeUpstreamError(provider: string, reason: string): void {
    this.upstreamErrors.inc({ provider, reason });
  }

  render(): string[] {
    return [...this.requests.render(), ...this.latency.render(), ...this.ttft.render(), ...this.upstreamErrors.render()];
  }
}
