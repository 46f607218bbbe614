import { randomUUID } from 'node:crypto';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { ZERO_USAGE, type NormalizedUsage } from '../../protocol/usage';
import { NOT_RECORDING, TRACE_ATTRIBUTES as ATTR } from '../../tracing';
import { buildUsageRecord, type UsageAttempt } from '../../usage';
import type { AuthenticatedToken } from '../access/token-store';
import type { GatewayContext } from '../context/context';
import type { GatewayRoute } from '../routing/route-types';
import type { ClientProtocol } from '../request/endpoint';
import type { ErrorType } from '../request/error-type';

// One client request from arrival to its usage row: what is known about it so far. Every path (success, error,
// stream end, client gone) ends in `finish`, which records once. A model request is also traced here: one span for
// the request and a child span per upstream attempt (both no-ops unless tracing is on, lib/tracing).

export type ExchangeOutcome = {
  status: 'ok' | 'error';
  httpStatus: number;
  errorType?: ErrorType | null;
  usage?: NormalizedUsage | null;
};

export class Exchange {
  readonly requestId = randomUUID();
  readonly createdAt = new Date();
  private readonly startedAt = performance.now();
  token: AuthenticatedToken | null = null;
  modelName = '';
  stream = false;
  /** The route of the last attempt (the one that answered, or the last that failed). */
  route: GatewayRoute | null = null;
  /** What converting this request dropped or changed (seed, top_k, thinking…): kept with its usage row. */
  notes: string[] = [];
  private readonly attemptLog: UsageAttempt[] = [];
  private firstByteMs: number | null = null;
  /** Time spent waiting on upstreams so far: what the overhead header leaves out. */
  private upstreamWaitMs = 0;
  private finished = false;
  private onFinished: (() => void) | null = null;
  private span: Span = NOT_RECORDING;
  /** The request span as parent of the attempts' spans; only built when the request span records. */
  private spanContext: Context = ROOT_CONTEXT;
  private attemptSpan: Span = NOT_RECORDING;

  constructor(
    private readonly context: Pick<GatewayContext, 'usage' | 'metrics' | 'logger' | 'tracer'>,
    readonly clientProtocol: ClientProtocol,
    /** count_tokens and the model list are not billed requests and write no usage row. */
    readonly recordsUsage: boolean,
  ) {}

  elapsedMs(): number {
    return Math.round(performance.now() - this.startedAt);
  }

  /**
   * Awaits `pending`, counting the wait as time spent on an upstream: the upstream's reply headers, an error body,
   * a body that is collected whole, a stream's first events. Once per step of an attempt, never per chunk.
   */
  async awaitUpstream<T>(pending: Promise<T>): Promise<T> {
    const since = performance.now();
    try {
      return await pending;
    } finally {
      this.upstreamWaitMs += performance.now() - since;
    }
  }

  /** Traces this exchange as a model request: a server span named `POST <path>`, ended by `finish`. */
  traceRequest(path: string): void {
    this.span = this.context.tracer.startSpan(`POST ${path}`, { kind: SpanKind.SERVER }, ROOT_CONTEXT);
    if (!this.span.isRecording()) return;
    this.spanContext = trace.setSpan(ROOT_CONTEXT, this.span);
    this.span.setAttributes({
      [ATTR.httpMethod]: 'POST',
      [ATTR.httpRoute]: path,
      [ATTR.requestId]: this.requestId,
      [ATTR.clientProtocol]: this.clientProtocol,
    });
  }

  /** Runs once when the exchange finishes (the in-flight count for graceful shutdown). */
  whenFinished(callback: () => void): void {
    this.onFinished = callback;
  }

  get attempts(): number {
    return this.attemptLog.length;
  }

  /** An upstream attempt begins on `route`; it stays open until it fails or the request finishes. */
  beginAttempt(route: GatewayRoute): void {
    this.route = route;
    // The notes of the attempt that answers (or failed last) are the ones its usage row keeps.
    this.notes = [];
    const attempt: UsageAttempt = {
      model_id: route.modelId,
      provider_id: route.provider.id,
      provider_name: route.provider.name,
      provider_token_id: route.providerTokenId,
      provider_model: route.providerModelName,
      upstream_protocol: route.provider.type,
      outcome: 'failed',
      http_status: null,
      reason: null,
      started_ms: this.elapsedMs(),
      duration_ms: 0,
      ttft_ms: null,
    };
    this.attemptLog.push(attempt);
    if (this.span.isRecording()) this.startAttemptSpan(attempt);
  }

  /** The open attempt failed and the gateway moves on (or gives up). */
  failAttempt(reason: string, httpStatus: number | null): void {
    const attempt = this.attemptLog.at(-1);
    if (!attempt) return;
    Object.assign(attempt, { outcome: 'failed', http_status: httpStatus, reason, duration_ms: this.elapsedMs() - attempt.started_ms });
    this.endAttemptSpan(attempt);
  }

  markFirstByte(): void {
    this.firstByteMs ??= this.elapsedMs();
  }

  /**
   * The headers every answer carries: the id the usage row is stored under, and the gateway's own time so far (since
   * the request arrived, less the waits on upstreams) in milliseconds. Built when the answer's headers are.
   */
  responseHeaders(): Record<string, string> {
    const overheadMs = Math.max(0, performance.now() - this.startedAt - this.upstreamWaitMs);
    const headers: Record<string, string> = { 'x-request-id': this.requestId, 'x-axongate-overhead-ms': overheadMs.toFixed(2) };
    if (this.clientProtocol === 'anthropic') headers['request-id'] = this.requestId;
    return headers;
  }

  /**
   * Records the usage row. Requests that never authenticated write none: anyone could otherwise fill the
   * table with anonymous junk.
   */
  finish(outcome: ExchangeOutcome): void {
    if (this.finished) return;
    this.finished = true;
    this.onFinished?.();
    const { route } = this;
    const latencyMs = this.elapsedMs();
    this.closeOpenAttempt(outcome, latencyMs);
    this.context.metrics.observeFinishedRequest({
      clientProtocol: this.clientProtocol,
      upstreamProtocol: route?.provider.type ?? null,
      status: outcome.status,
      httpStatus: outcome.httpStatus,
      latencyMs,
      ttftMs: this.firstByteMs,
    });
    this.logFinished(outcome, latencyMs);
    if (this.span.isRecording()) this.endSpan(outcome);
    if (!this.recordsUsage || !this.token) return;
    this.context.usage.record(
      buildUsageRecord({
        requestId: this.requestId,
        caller: { userId: this.token.userId, userTokenId: this.token.id },
        modelName: this.modelName,
        clientProtocol: this.clientProtocol,
        stream: this.stream,
        status: outcome.status,
        httpStatus: outcome.httpStatus,
        errorType: outcome.errorType ?? null,
        usage: outcome.usage ?? ZERO_USAGE,
        target: route && {
          modelId: route.modelId,
          providerId: route.provider.id,
          providerTokenId: route.providerTokenId,
          providerModelName: route.providerModelName,
          upstreamProtocol: route.provider.type,
          prices: route.prices,
        },
        latencyMs,
        ttftMs: this.firstByteMs,
        attempts: this.attempts,
        conversionNotes: this.notes,
        attemptLog: this.attemptLog,
        createdAt: this.createdAt,
      }),
    );
  }

  /** The attempt still open when the request ends is the one that answered it, or ended it with an error. */
  private closeOpenAttempt(outcome: ExchangeOutcome, latencyMs: number): void {
    const attempt = this.attemptLog.at(-1);
    if (!attempt || attempt.reason !== null) return;
    const answered = outcome.status === 'ok';
    Object.assign(attempt, {
      outcome: answered ? 'answered' : 'error',
      http_status: outcome.httpStatus,
      reason: answered ? null : (outcome.errorType ?? 'error'),
      duration_ms: latencyMs - attempt.started_ms,
      ttft_ms: this.firstByteMs === null ? null : this.firstByteMs - attempt.started_ms,
    });
    this.endAttemptSpan(attempt);
  }

  private startAttemptSpan(attempt: UsageAttempt): void {
    this.attemptSpan = this.context.tracer.startSpan(
      'upstream attempt',
      {
        kind: SpanKind.CLIENT,
        attributes: {
          [ATTR.modelId]: attempt.model_id,
          [ATTR.providerId]: attempt.provider_id,
          [ATTR.providerName]: attempt.provider_name,
          [ATTR.providerTokenId]: attempt.provider_token_id,
          [ATTR.providerModel]: attempt.provider_model,
          [ATTR.upstreamProtocol]: attempt.upstream_protocol,
        },
      },
      this.spanContext,
    );
  }

  private endAttemptSpan(attempt: UsageAttempt): void {
    const span = this.attemptSpan;
    if (!span.isRecording()) return;
    this.attemptSpan = NOT_RECORDING;
    span.setAttribute(ATTR.outcome, attempt.outcome);
    if (attempt.http_status !== null) span.setAttribute(ATTR.httpStatus, attempt.http_status);
    if (attempt.reason !== null) {
      span.setAttribute(ATTR.reason, attempt.reason);
      span.setStatus({ code: SpanStatusCode.ERROR, message: attempt.reason });
    }
    span.end();
  }

  /** The request span's outcome: ids, route and counts, never a key, a token or a body. */
  private endSpan(outcome: ExchangeOutcome): void {
    const { span, token } = this;
    span.setAttributes({
      [ATTR.model]: this.modelName,
      [ATTR.stream]: this.stream,
      [ATTR.status]: outcome.status,
      [ATTR.httpStatus]: outcome.httpStatus,
      [ATTR.attempts]: this.attempts,
      [ATTR.inputTokens]: outcome.usage?.inputTokens ?? 0,
      [ATTR.outputTokens]: outcome.usage?.outputTokens ?? 0,
    });
    if (token) span.setAttributes({ [ATTR.tokenId]: token.id, [ATTR.userId]: token.userId });
    if (this.firstByteMs !== null) span.setAttribute(ATTR.ttftMs, this.firstByteMs);
    if (outcome.status === 'error') {
      span.setAttribute(ATTR.errorType, outcome.errorType ?? 'error');
      span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.errorType ?? 'error' });
    }
    span.end();
  }

  /** The request's one log line: ids, route and timings, never a key, a token or a body. */
  private logFinished(outcome: ExchangeOutcome, latencyMs: number): void {
    const { route, token } = this;
    this.context.logger.info(
      {
        request_id: this.requestId,
        token_id: token?.id ?? null,
        user_id: token?.userId ?? null,
        model: this.modelName || null,
        client_protocol: this.clientProtocol,
        stream: this.stream,
        route: route && {
          model_id: route.modelId,
          provider_id: route.provider.id,
          provider_token_id: route.providerTokenId,
          provider_model: route.providerModelName,
          upstream_protocol: route.provider.type,
        },
        attempts: this.attempts,
        status: outcome.status,
        http_status: outcome.httpStatus,
        error_type: outcome.errorType ?? null,
        latency_ms: latencyMs,
        ttft_ms: this.firstByteMs,
        input_tokens: outcome.usage?.inputTokens ?? 0,
        output_tokens: outcome.usage?.outputTokens ?? 0,
        ...(this.notes.length > 0 && { conversion_notes: this.notes }),
      },
      'request finished',
    );
  }
}
