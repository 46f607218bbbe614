import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../log';
import { NOT_RECORDING, noTracer, startTracing, tracingSettingsOf } from './index';

// Counts how often the SDK module is loaded: tracing off must never load it.
const sdk = vi.hoisted(() => ({ loads: 0 }));
vi.mock('./otlp-sdk', () => {
  sdk.loads += 1;
  return {
    startOtlpTracing: () => ({ tracer: { startSpan: () => 'sdk span' }, shutdown: () => Promise.resolve() }),
  };
});

const quiet = createLogger('error');
const unset = { OTEL_EXPORTER_OTLP_ENDPOINT: undefined, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined, OTEL_SERVICE_NAME: 'axongate' };

describe('tracingSettingsOf', () => {
  it('is off without an endpoint', () => {
    expect(tracingSettingsOf(unset)).toBeNull();
  });

  it('appends /v1/traces to the base endpoint, and takes the traces endpoint as given', () => {
    expect(tracingSettingsOf({ ...unset, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toEqual({ url: 'http://collector:4318/v1/traces', serviceName: 'axongate' });
    expect(
      tracingSettingsOf({ ...unset, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/otlp', OTEL_SERVICE_NAME: 'edge' }),
    ).toEqual({ url: 'https://traces.example/otlp', serviceName: 'edge' });
  });
});

describe('startTracing', () => {
  it('off: the no-op tracer, one shared non-recording span, and no SDK loaded', async () => {
    const tracing = startTracing(null, quiet);
    await tracing.ready;
    expect(tracing.tracer).toBe(noTracer);
    const span = tracing.tracer.startSpan('POST /v1/chat/completions');
    expect(span).toBe(NOT_RECORDING);
    expect(span.isRecording()).toBe(false);
    await tracing.shutdown();
    expect(sdk.loads).toBe(0);
  });

  it('on: spans are not recorded until the SDK is loaded, then go to its tracer', async () => {
    const tracing = startTracing({ url: 'http://127.0.0.1:4318/v1/traces', serviceName: 'axongate' }, quiet);
    expect(tracing.tracer.startSpan('early')).toBe(NOT_RECORDING);
    await tracing.ready;
    expect(sdk.loads).toBe(1);
    expect(tracing.tracer.startSpan('later')).toBe('sdk span');
    await tracing.shutdown();
  });
});
