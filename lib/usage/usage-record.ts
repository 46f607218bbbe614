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
  createdAt: Date;
};
