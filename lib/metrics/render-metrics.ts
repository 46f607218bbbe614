import { getCircuitBreakers } from '../gateway/circuit-registry';
import { inFlightRequests } from '../lifecycle/in-flight';
import { gatewayMetrics } from './gateway-metrics';

/** The Prometheus text exposition of this instance's metrics. */
export function renderMetrics(): string {
  const metrics = gatewayMetrics();
  const circuits = Object.entries(getCircuitBreakers().snapshot());
  const lines = [
    ...metrics.requests.render(),
    ...metrics.latency.render(),
    ...metrics.ttft.render(),
    ...metrics.upstreamErrors.render(),
    '# HELP axongate_circuit_open Routes whose circuit breaker is not closed (1 = open, 0.5 = half-open trial).',
    '# TYPE axongate_circuit_open gauge',
    ...circuits.map(([route, state]) => `axongate_circuit_open{route="${route}"} ${state === 'open' ? 1 : 0.5}`),
    '# HELP axongate_in_flight_requests Model requests being answered now.',
    '# TYPE axongate_in_flight_requests gauge',
    `axongate_in_flight_requests ${inFlightRequests()}`,
  ];
  return `${lines.join('\n')}\n`;
}
