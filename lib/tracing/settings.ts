import type { AppConfig } from '../config';

export type TracingSettings = {
  /** The full URL spans are POSTed to (…/v1/traces). */
  url: string;
  serviceName: string;
};

/**
 * The exporter's URL from the configuration, as OpenTelemetry defines it: the traces endpoint as given, else the
 * base endpoint with `/v1/traces` appended; null (tracing off) when neither is set.
 */
export function tracingSettingsOf(
  config: Pick<AppConfig, 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' | 'OTEL_SERVICE_NAME'>,
): TracingSettings | null {
  const base = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  const url = config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base && `${base.replace(/\/+$/, '')}/v1/traces`);
  return url ? { url, serviceName: config.OTEL_SERVICE_NAME } : null;
}
