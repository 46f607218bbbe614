import type { Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Logger } from '../log';
import type { TracingSettings } from './settings';

// The OpenTelemetry SDK, loaded only when tracing is on (lib/tracing/index.ts imports this file on demand): a
// tracer provider of its own (never registered globally), a batching span processor and the OTLP/HTTP exporter,
// which sends JSON.

/** At most one warning per this long while the collector refuses or cannot be reached. */
const WARN_INTERVAL_MS = 60_000;

export function startOtlpTracing(settings: TracingSettings, logger: Logger): { tracer: Tracer; shutdown: () => Promise<void> } {
  const exporter = warningOnFailure(new OTLPTraceExporter({ url: settings.url }), logger);
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName }),
    spanProcessors: [new BatchSpanProcessor({ exporter })],
  });
  return { tracer: provider.getTracer('axongate'), shutdown: () => provider.shutdown() };
}

/** The SDK reports failed exports to OpenTelemetry's global diagnostics logger, silent by default; this logs them. */
function warningOnFailure(exporter: SpanExporter, logger: Logger): SpanExporter {
  let lastWarning = -Infinity;
  return {
    export(spans, done) {
      exporter.export(spans, (result) => {
        // ExportResultCode.SUCCESS is 0.
        if (result.code !== 0 && performance.now() - lastWarning >= WARN_INTERVAL_MS) {
          lastWarning = performance.now();
          logger.warn({ spans: spans.length, reason: result.error?.message ?? 'unknown' }, 'tracing: spans could not be exported');
        }
        done(result);
      });
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}
