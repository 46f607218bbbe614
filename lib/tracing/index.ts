import { INVALID_SPAN_CONTEXT, trace, type Context, type Span, type SpanOptions, type Tracer } from '@opentelemetry/api';
import type { Logger } from '../log';
import type { TracingSettings } from './settings';

export { TRACE_ATTRIBUTES } from './attributes';
export { tracingSettingsOf, type TracingSettings } from './settings';

// OpenTelemetry traces, off unless an OTLP endpoint is configured. Off, the gateway's tracer is `noTracer`: every
// span it starts is one shared non-recording span and the SDK is never loaded. On, the SDK (./otlp-sdk.ts) is
// imported once in the background and spans go to an OTLP/HTTP (JSON) exporter through a batching processor.
// Nothing is registered globally: the runtime hands the tracer to the gateway like any other part.

/** What the gateway needs of a tracer. */
export type SpanStarter = Pick<Tracer, 'startSpan'>;

/** The span every call of `noTracer` returns: records nothing, costs nothing. */
export const NOT_RECORDING: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

export const noTracer: SpanStarter = { startSpan: () => NOT_RECORDING };

export type Tracing = {
  tracer: SpanStarter;
  /** Settles once the SDK is loaded (at once when tracing is off); spans started before are not recorded. Never rejects. */
  ready: Promise<void>;
  /** Exports what is queued and stops the exporter, waiting at most `SHUTDOWN_WAIT_MS`. */
  shutdown: () => Promise<void>;
};

/** How long shutting down waits for the last spans to be exported: an unreachable collector must not hold up the exit. */
const SHUTDOWN_WAIT_MS = 2_000;

export function startTracing(settings: TracingSettings | null, logger: Logger): Tracing {
  if (!settings) return { tracer: noTracer, ready: Promise.resolve(), shutdown: () => Promise.resolve() };
  const tracer = new DeferredTracer();
  let stop: (() => Promise<void>) | null = null;
  const ready = import('./otlp-sdk').then(
    (sdk) => {
      const started = sdk.startOtlpTracing(settings, logger);
      tracer.delegate = started.tracer;
      stop = started.shutdown;
      logger.info({ otlp_traces_url: settings.url, service_name: settings.serviceName }, 'tracing on: spans go to the OTLP endpoint');
    },
    (error: unknown) => logger.error({ err: error }, 'tracing could not start; requests are served without it'),
  );
  return {
    tracer,
    ready,
    shutdown: async () => {
      await ready;
      if (!stop) return;
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, SHUTDOWN_WAIT_MS);
        timer.unref();
      });
      await Promise.race([stop().catch((error: unknown) => logger.warn({ err: error }, 'tracing: the last spans could not be exported')), waited]);
      clearTimeout(timer);
    },
  };
}

/** Hands spans to the SDK's tracer once it is loaded; until then they are not recorded. */
class DeferredTracer implements SpanStarter {
  delegate: Tracer | null = null;

  startSpan(name: string, options?: SpanOptions, context?: Context): Span {
    return this.delegate ? this.delegate.startSpan(name, options, context) : NOT_RECORDING;
  }
}
