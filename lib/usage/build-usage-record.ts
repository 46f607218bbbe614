import type { NormalizedUsage } from '../protocol/usage';
import { computeUsageCost, type ModelPrices } from './usage-cost';
import type { UsageRecord } from './usage-record';

// The one place a usage row is put together, for requests the gateway proxied and for those an engine in front
// of it reports: ids of what served it, tokens, the cost from the model's prices, timings.

/** The route that answered (or last failed); null when none was tried. */
export type UsageTarget = {
  modelId: number;
  providerId: number;
  providerTokenId: number | null;
  providerModelName: string;
  upstreamProtocol: 'openai' | 'anthropic';
  prices: ModelPrices;
};

export type UsageFacts = {
  requestId: string;
  caller: { userId: number; userTokenId: number };
  modelName: string;
  clientProtocol: UsageRecord['clientProtocol'];
  stream: boolean;
  status: UsageRecord['status'];
  httpStatus: number;
  errorType: string | null;
  usage: NormalizedUsage;
  target: UsageTarget | null;
  latencyMs: number;
  ttftMs: number | null;
  attempts: number;
  /** What the conversion dropped or changed; empty for none. */
  conversionNotes?: string[];
  createdAt: Date;
};

const NO_COST = { inputCost: '0', outputCost: '0', totalCost: '0' };

export function buildUsageRecord(facts: UsageFacts): UsageRecord {
  const { target, usage } = facts;
  return {
    requestId: facts.requestId,
    userId: facts.caller.userId,
    userTokenId: facts.caller.userTokenId,
    modelName: facts.modelName,
    modelId: target?.modelId ?? null,
    providerId: target?.providerId ?? null,
    providerTokenId: target?.providerTokenId ?? null,
    providerModelName: target?.providerModelName ?? null,
    clientProtocol: facts.clientProtocol,
    upstreamProtocol: target?.upstreamProtocol ?? null,
    stream: facts.stream,
    status: facts.status,
    httpStatus: facts.httpStatus,
    errorType: facts.errorType,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadTokens: usage.cacheReadTokens,
    cacheCreationTokens: usage.cacheCreationTokens,
    ...(target ? computeUsageCost(usage, target.prices) : NO_COST),
    currency: target?.prices.currency ?? 'USD',
    latencyMs: facts.latencyMs,
    ttftMs: facts.ttftMs,
    attempts: facts.attempts,
    conversionNotes: facts.conversionNotes?.length ? facts.conversionNotes : null,
    createdAt: facts.createdAt,
  };
}
