import { randomUUID } from 'node:crypto';
import { observeFinishedRequest } from '../metrics/gateway-metrics';
import type { NormalizedUsage } from '../protocol/usage';
import { ZERO_USAGE } from '../protocol/usage';
import { computeUsageCost, recordUsage } from '../usage';
import type { ClientProtocol } from './gateway-error';
import type { GatewayRoute } from './route-types';
import type { AuthenticatedToken } from './user-token-auth';

// One client request from arrival to its usage row: what is known about it so far, and the one place the
// row is built. Every path (success, error, stream end, client gone) ends in `finish`, which records once.

export type ExchangeOutcome = {
  status: 'ok' | 'error';
  httpStatus: number;
  errorType?: string | null;
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
  attempts = 0;
  private firstByteMs: number | null = null;
  private finished = false;
  private onFinished: (() => void) | null = null;

  constructor(
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
    const route = this.route;
    observeFinishedRequest({
      clientProtocol: this.clientProtocol,
      upstreamProtocol: route?.provider.type ?? null,
      status: outcome.status,
      httpStatus: outcome.httpStatus,
      latencyMs: this.elapsedMs(),
      ttftMs: this.firstByteMs,
    });
    if (!this.recordsUsage || !this.token) return;
    const usage = outcome.usage ?? ZERO_USAGE;
    const cost = route ? computeUsageCost(usage, route.prices) : { inputCost: '0', outputCost: '0', totalCost: '0' };
    recordUsage({
      requestId: this.requestId,
      userId: this.token.userId,
      userTokenId: this.token.id,
      modelName: this.modelName,
      modelId: route?.modelId ?? null,
      providerId: route?.provider.id ?? null,
      providerTokenId: route?.providerTokenId ?? null,
      providerModelName: route?.providerModelName ?? null,
      clientProtocol: this.clientProtocol,
      upstreamProtocol: route?.provider.type ?? null,
      stream: this.stream,
      status: outcome.status,
      httpStatus: outcome.httpStatus,
      errorType: outcome.errorType ?? null,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      cacheReadTokens: usage.cacheReadTokens,
      cacheCreationTokens: usage.cacheCreationTokens,
      ...cost,
      currency: route?.prices.currency ?? 'USD',
      latencyMs: this.elapsedMs(),
      ttftMs: this.firstByteMs,
      attempts: this.attempts,
      createdAt: this.createdAt,
    });
  }
}
