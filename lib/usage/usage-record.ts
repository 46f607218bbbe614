// One row of the usage table, as the gateway and the engine telemetry record it (one per proxied request).

export type UsageRecord = {
  requestId: string;
  userId: number | null;
  userTokenId: number | null;
  modelName: string;
  modelId: number | null;
  providerId: number | null;
  providerTokenId: number | null;
  providerModelName: string | null;
  clientProtocol: 'openai' | 'anthropic';
  upstreamProtocol: 'openai' | 'anthropic' | null;
  stream: boolean;
  status: 'ok' | 'error';
  httpStatus: number;
  errorType: string | null;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
  /** Decimal strings (see usage-cost.ts). */
  inputCost: string;
  outputCost: string;
  totalCost: string;
  currency: 'USD' | 'CNY';
  latencyMs: number;
  ttftMs: number | null;
  attempts: number;
  conversionNotes: string[] | null;
  /** Every upstream attempt in order; null where none is known (engine telemetry). */
  attemptLog: UsageAttempt[] | null;
  createdAt: Date;
};

/** One upstream attempt of a request, as its usage row keeps it (JSON, snake_case as the admin API shows it). */
export type UsageAttempt = {
  model_id: number;
  provider_id: number;
  provider_name: string;
  provider_token_id: number;
  provider_model: string;
  upstream_protocol: 'openai' | 'anthropic';
  /** answered: its answer went to the client; failed: the gateway moved on; error: it ended the request with an error. */
  outcome: 'answered' | 'failed' | 'error';
  /** The upstream's status, or the request's final status for the attempt that ended it; null without an answer. */
  http_status: number | null;
  /** Why it failed or ended in an error (`HTTP 503`, a transport error, `upstream_error`); null when it answered. */
  reason: string | null;
  /** When it started, counted from the request's arrival. */
  started_ms: number;
  duration_ms: number;
  ttft_ms: number | null;
};
