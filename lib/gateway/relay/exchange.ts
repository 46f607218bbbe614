import { randomUUID } from 'node:crypto';
import { ZERO_USAGE, type NormalizedUsage } from '../../protocol/usage';
import { buildUsageRecord, type UsageAttempt } from '../../usage';
import type { AuthenticatedToken } from '../access/token-store';
import type { GatewayContext } from '../context/context';
import type { GatewayRoute } from '../routing/route-types';
import type { ClientProtocol } from '../request/endpoint';
import type { ErrorType } from '../request/error-type';

// One client request from arrival to its usage row: what is known about it so far. Every path (success, error,
// stream end, client gone) ends in `finish`, which records once.

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
  private finished = false;
  private onFinished: (() => void) | null = null;

  constructor(
    private readonly context: Pick<GatewayContext, 'usage' | 'metrics' | 'logger'>,
    readonly clientProtocol: ClientProtocol,
    /** count_tokens and the model list are not billed requests and write no usage row. */
    readonly recordsUsage: boolean,
  ) {}

  elapsedMs(): number {
    return Math.round(performance.now() - this.startedAt);
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
    this.attemptLog.push({
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
    });
  }

  /** The open attempt failed and the gateway moves on (or gives up). */
  failAttempt(reason: string, httpStatus: number | null): void {
    const attempt = this.attemptLog.at(-1);
    if (!attempt) return;
    Object.assign(attempt, { outcome: 'failed', http_status: httpStatus, reason, duration_ms: this.elapsedMs() - attempt.started_ms });
  }

  markFirstByte(): void {
    this.firstByteMs ??= this.elapsedMs();
  }

  /** The headers every answer carries: the id the usage row is stored under. */
  responseHeaders(): Record<string, string> {
    const headers: Record<string, string> = { 'x-request-id': this.requestId };
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
