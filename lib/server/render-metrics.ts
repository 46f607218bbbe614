import type { ServerRuntime } from './runtime';

/** The Prometheus text exposition of this instance's metrics. */
export function renderMetrics(runtime: ServerRuntime): string {
  const { gateway, metrics, inFlight } = runtime;
  const circuits = Object.entries(gateway.context.circuits.snapshot());
  const lines = [
    ...metrics.render(),
    '# HELP axongate_circuit_open Routes whose circuit breaker is not closed (1 = open, 0.5 = half-open trial).',
    '# TYPE axongate_circuit_open gauge',
    ...circuits.map(([route, state]) => `axongate_circuit_open{route="${route}"} ${state === 'open' ? 1 : 0.5}`),
    '# HELP axongate_in_flight_requests Model requests being answered now.',
    '# TYPE axongate_in_flight_requests gauge',
    `axongate_in_flight_requests ${inFlight.size}`,
  ];
  return `${lines.join('\n')}\n`;
}
