import type { ServerRuntime } from './runtime';

/** The Prometheus text exposition of this instance's metrics. */
export function renderMetrics(runtime: ServerRuntime): string {
  const { gateway, metrics, inFlight, usage } = runtime;
  const circuits = Object.entries(gateway.context.circuits.snapshot());
  const lines = [
    ...metrics.render(),
    '# HELP axongate_circuit_open Routes whose circuit breaker is not closed (1 = open, 0.5 = half-open trial).',
    '# TYPE axongate_circuit_open gauge',
    ...circuits.map(([route, state]) => `axongate_circuit_open{route="${route}"} ${state === 'open' ? 1 : 0.5}`),
    '# HELP axongate_in_flight_requests Model requests being answered now.',
    '# TYPE axongate_in_flight_requests gauge',
    `axongate_in_flight_requests ${inFlight.size}`,
    '# HELP axongate_usage_rows_pending Usage rows queued in memory, not yet written (they wait here while the database is down).',
    '# TYPE axongate_usage_rows_pending gauge',
    `axongate_usage_rows_pending ${usage.pending}`,
    '# HELP axongate_usage_rows_dropped_total Usage rows given up because the queue overflowed while the database refused writes.',
    '# TYPE axongate_usage_rows_dropped_total counter',
    `axongate_usage_rows_dropped_total ${usage.dropped}`,
    '# HELP axongate_usage_rows_rejected_total Usage rows the database refused to store (logged with their request id) and dropped.',
    '# TYPE axongate_usage_rows_rejected_total counter',
    `axongate_usage_rows_rejected_total ${usage.rejected}`,
    // The name Prometheus' own client libraries give it, so existing dashboards find it.
    '# HELP process_resident_memory_bytes Resident memory size in bytes.',
    '# TYPE process_resident_memory_bytes gauge',
    `process_resident_memory_bytes ${process.memoryUsage.rss()}`,
  ];
  return `${lines.join('\n')}\n`;
}
